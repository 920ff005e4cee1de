package io.tracker.projection.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount a fact states, or {@link #undisclosed()} when it states none. An undisclosed amount is never
 * read as zero: totals count it apart.
 */
public record Money(BigDecimal amount, String currency) {
    private static final Money UNDISCLOSED = new Money(null, null);

    public Money {
        if ((amount == null) != (currency == null)) {
            throw new IllegalArgumentException("an amount needs a currency, and a currency an amount");
        }
    }

    public static Money of(BigDecimal amount, String currency) {
        return new Money(Objects.requireNonNull(amount, "amount"), Objects.requireNonNull(currency, "currency"));
    }

    public static Money undisclosed() {
        return UNDISCLOSED;
    }

    public boolean disclosed() {
        return amount != null;
    }
}
