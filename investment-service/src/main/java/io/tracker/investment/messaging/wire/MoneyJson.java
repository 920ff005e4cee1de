package io.tracker.investment.messaging.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code {"amount":"1500000000.00","currency":"CAD"}} (decimal string) or {@code {"undisclosed":true}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MoneyJson(String amount, String currency, Boolean undisclosed) {

    public static MoneyJson disclosed(String amount, String currency) {
        return new MoneyJson(amount, currency, null);
    }

    public static MoneyJson notDisclosed() {
        return new MoneyJson(null, null, Boolean.TRUE);
    }
}
