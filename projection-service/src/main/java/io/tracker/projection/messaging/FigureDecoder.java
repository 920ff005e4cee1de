package io.tracker.projection.messaging;

import static io.tracker.projection.messaging.WireFields.required;
import static io.tracker.projection.messaging.WireFields.version;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.tracker.projection.domain.CitedSource;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.Figure;
import io.tracker.projection.domain.IsoDate;
import io.tracker.projection.messaging.wire.FigureEventData;
import io.tracker.projection.messaging.wire.FigureEventData.CitedSourceJson;
import io.tracker.projection.messaging.wire.FigureEventData.IndicatorJson;

/** Reads the data of an indicator or claim event into a {@link Figure} (part of {@link EventDecoder}). */
final class FigureDecoder {
    private static final Set<String> KINDS = Set.of("OFFICIAL", "NEWS", "OPINION", "ANALYST");

    private FigureDecoder() {}

    static Figure decode(EventType type, FigureEventData d) {
        return switch (type) {
            case INDICATOR_RECORDED -> new Figure(0, indicator(d.indicator(), "indicator"), null, null);
            case INDICATOR_CORRECTED ->
                new Figure(
                        version(d.correctsVersion(), "correctsVersion"),
                        indicator(d.corrected(), "corrected"),
                        null,
                        d.reason());
            case INDICATOR_RETRACTED, CLAIM_RETRACTED ->
                new Figure(version(d.retractsVersion(), "retractsVersion"), null, null, d.reason());
            case CLAIM_RECORDED -> {
                FigureEventData.ClaimJson c = required(d.claim(), "claim");
                yield new Figure(
                        0,
                        null,
                        new Figure.Claim(
                                required(c.statement(), "claim.statement"),
                                source(required(c.source(), "claim.source"), "claim.source"),
                                c.madeOn() == null ? null : WireFields.date(c.madeOn(), "claim.madeOn")),
                        null);
            }
            default -> throw new IllegalArgumentException("not an indicator or claim event");
        };
    }

    private static Figure.Indicator indicator(IndicatorJson i, String field) {
        required(i, field);
        BigDecimal value;
        try {
            value = new BigDecimal(required(i.value(), field + ".value"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ".value: not a decimal number '" + i.value() + "'", e);
        }
        List<CitedSourceJson> sources = i.sources() == null ? List.of() : i.sources();
        return new Figure.Indicator(
                required(i.name(), field + ".name"),
                value,
                required(i.qualifier(), field + ".qualifier"),
                required(i.unit(), field + ".unit"),
                i.currency(),
                WireFields.date(i.period(), field + ".period"),
                required(i.scope(), field + ".scope"),
                sources.stream()
                        .filter(Objects::nonNull)
                        .map(s -> source(s, field + ".sources"))
                        .toList());
    }

    private static CitedSource source(CitedSourceJson s, String field) {
        String kind = required(s.kind(), field + ".kind");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(field + ": unknown source kind '" + kind + "'");
        }
        return new CitedSource(
                required(s.title(), field + ".title"),
                s.publisher(),
                s.published() == null ? null : IsoDate.parse(s.published()),
                s.url(),
                kind);
    }
}
