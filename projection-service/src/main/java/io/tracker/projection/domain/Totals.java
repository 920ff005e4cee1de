package io.tracker.projection.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums of disclosed amounts, one per currency (never converted), and the number of investments whose amount
 * is undisclosed, counted apart: an undisclosed amount is not a zero.
 */
public record Totals(String key, List<CurrencyTotal> disclosed, int undisclosed, int investments) {

    public record CurrencyTotal(String currency, BigDecimal amount, int investments) {}

    public Totals {
        disclosed = Lists.copy(disclosed);
    }

    /** Accumulates the totals of one key. */
    static final class Builder {
        private final String key;
        private final Map<String, BigDecimal> sums = new TreeMap<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private int undisclosed;
        private int investments;

        Builder(String key) {
            this.key = key;
        }

        Builder add(Money amount) {
            investments++;
            if (amount == null || !amount.disclosed()) {
                undisclosed++;
            } else {
                sums.merge(amount.currency(), amount.amount(), BigDecimal::add);
                counts.merge(amount.currency(), 1, Integer::sum);
            }
            return this;
        }

        Totals build() {
            List<CurrencyTotal> byCurrency = new ArrayList<>();
            sums.forEach((currency, sum) -> byCurrency.add(new CurrencyTotal(currency, sum, counts.get(currency))));
            return new Totals(key, byCurrency, undisclosed, investments);
        }
    }
}
