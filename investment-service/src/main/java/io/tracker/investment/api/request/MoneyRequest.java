package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.checks.CheckedBy;
import io.tracker.core.api.checks.RequestCheck;
import io.tracker.core.api.checks.Violations;
import io.tracker.investment.domain.Money;

/**
 * An amount, in exactly one of two forms: {@code {"amount": "5000000000.00", "currency": "CAD"}} or
 * {@code {"undisclosed": true}}. Zero never stands for an unknown amount.
 */
@Schema(description = "Either {\"amount\": \"5000000000.00\", \"currency\": \"CAD\"} or {\"undisclosed\": true}")
@MoneyRequest.OneForm
public record MoneyRequest(
        @Schema(
                example = "5000000000.00",
                type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                description = "a decimal greater than zero (a JSON string keeps every digit)")
        @DecimalMin(
                value = "0",
                inclusive = false,
                message = "must be greater than zero: record an amount the sources do not give as undisclosed")
        @Digits(integer = 15, fraction = 4)
        BigDecimal amount,

        @Schema(example = "CAD", description = "ISO 4217") @IsoCurrency
        String currency,

        @Schema(description = "true when the sources give no amount (then amount and currency are left out)")
        Boolean undisclosed) {

    public Money toDomain() {
        return Boolean.TRUE.equals(undisclosed) ? Money.UNDISCLOSED : new Money.Disclosed(amount, currency);
    }

    /** Exactly one form: amount and currency, or undisclosed. */
    @Documented
    @CheckedBy(OneForm.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface OneForm {
        String MESSAGE = "give either amount and currency, or undisclosed: true, not both";

        class Check implements RequestCheck<MoneyRequest> {
            @Override
            public void check(MoneyRequest money, Violations at) {
                if (Boolean.TRUE.equals(money.undisclosed())) {
                    if (money.amount() != null || money.currency() != null) {
                        at.add(MESSAGE);
                    }
                    return;
                }
                if (money.amount() == null) {
                    at.at("amount").add("is required, or give undisclosed: true when the sources state no amount");
                }
                if (money.currency() == null) {
                    at.at("currency").add("is required with an amount");
                }
            }
        }
    }
}
