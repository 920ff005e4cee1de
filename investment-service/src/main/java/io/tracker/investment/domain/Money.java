package io.tracker.investment.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount a fact states: {@link Disclosed} (a positive amount in an ISO 4217 currency) or
 * {@link Undisclosed} (the fact states no amount). A zero never stands in for an unknown amount.
 */
public sealed interface Money permits Money.Disclosed, Money.Undisclosed {

    Undisclosed UNDISCLOSED = new Undisclosed();

    static Disclosed of(String amount, String currency) {
        return new Disclosed(new BigDecimal(amount), currency);
    }

    /** True when both are disclosed and equal in value and currency ({@code 5E9} equals {@code 5000000000.00}). */
    default boolean sameAmountAs(Money other) {
        return this instanceof Disclosed a
                && other instanceof Disclosed b
                && a.currency().equals(b.currency())
                && a.amount().compareTo(b.amount()) == 0;
    }

    record Disclosed(BigDecimal amount, String currency) implements Money {
        public Disclosed {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }

    record Undisclosed() implements Money {}
}
