package io.tracker.projection.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of an indicator or claim event (IndicatorRecorded, IndicatorCorrected, IndicatorRetracted,
 * ClaimRecorded, ClaimRetracted). Not a fact: {@link #sources()} is empty, so nothing that lists a fact's
 * support ever counts it; its own sources are inside {@link #indicator} or {@link #claim}. {@code targetVersion}
 * is the stream version a correction or retraction points at (0 for a recording).
 */
public record Figure(long targetVersion, Indicator indicator, Claim claim, String reason) implements EventBody {

    /** A figure a source states; {@code currency} only for unit "money". */
    public record Indicator(
            String name,
            BigDecimal value,
            String qualifier,
            String unit,
            String currency,
            BusinessDate period,
            String scope,
            List<CitedSource> sources) {
        public Indicator {
            sources = List.copyOf(sources);
        }
    }

    /** A statement attributed to its source; {@code madeOn} null when the source does not say. */
    public record Claim(String statement, CitedSource source, BusinessDate madeOn) {}

    /** The indicator's period or the claim's date; null for a retraction (and an undated claim). */
    @Override
    public BusinessDate date() {
        return indicator != null ? indicator.period() : claim != null ? claim.madeOn() : null;
    }

    @Override
    public FactStatus status() {
        return null;
    }

    /** Always empty: an indicator or a claim is never a fact's support. */
    @Override
    public List<Source> sources() {
        return List.of();
    }
}
