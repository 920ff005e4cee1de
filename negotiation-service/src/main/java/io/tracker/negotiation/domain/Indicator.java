package io.tracker.negotiation.domain;

import java.math.BigDecimal;
import java.util.List;

import io.tracker.core.domain.BusinessDate;

/**
 * A figure a source states, cited next to the milestones: what is measured ({@code name}, e.g. "share of cars
 * sold in Canada made by Korean automakers"), the {@code value} with its {@link Qualifier} ("over 125,000" is
 * 125000 MORE_THAN, never an exact 125000), the {@code unit} ("percent", "vehicles", "jobs", or "money" with a
 * {@code currency}, ISO 4217; null for any other unit), the {@code period} it covers (a business date, e.g.
 * 2024), its {@code scope} (what or where it covers, e.g. "Canada", "Canada–Korea merchandise trade") and the
 * sources that state it (at least one). Checked by the decider ({@link FigureRules}).
 */
public record Indicator(
        String name,
        BigDecimal value,
        Qualifier qualifier,
        String unit,
        String currency,
        BusinessDate period,
        String scope,
        List<CitedSource> sources) {

    /** The unit of an amount of money; it requires a currency, and only it allows one. */
    public static final String MONEY = "money";

    public enum Qualifier {
        EXACT,
        ABOUT,
        MORE_THAN,
        LESS_THAN
    }

    public Indicator {
        sources = Lists.copy(sources);
    }
}
