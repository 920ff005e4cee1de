package io.tracker.negotiation.messaging;

import static io.tracker.negotiation.messaging.WireValues.map;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import io.tracker.core.domain.BusinessDate;
import io.tracker.negotiation.domain.CitedSource;
import io.tracker.negotiation.domain.Claim;
import io.tracker.negotiation.domain.Indicator;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;
import io.tracker.negotiation.messaging.wire.FigureEventsV1;
import io.tracker.negotiation.messaging.wire.FigureEventsV1.CitedSourceJson;
import io.tracker.negotiation.messaging.wire.FigureEventsV1.ClaimJson;
import io.tracker.negotiation.messaging.wire.FigureEventsV1.IndicatorJson;

/** Indicator and claim events to and from their wire records (part of {@link NegotiationWireMapper}). */
final class FigureWireMapper {
    private FigureWireMapper() {}

    static Class<?> wireClass(Kind kind) {
        return switch (kind) {
            case INDICATOR_RECORDED -> FigureEventsV1.IndicatorRecorded.class;
            case INDICATOR_CORRECTED -> FigureEventsV1.IndicatorCorrected.class;
            case INDICATOR_RETRACTED -> FigureEventsV1.IndicatorRetracted.class;
            case CLAIM_RECORDED -> FigureEventsV1.ClaimRecorded.class;
            case CLAIM_RETRACTED -> FigureEventsV1.ClaimRetracted.class;
            default -> throw new IllegalArgumentException("not an indicator or claim event: " + kind);
        };
    }

    static Object toWire(NegotiationEvent event) {
        return switch (event.kind()) {
            case INDICATOR_RECORDED -> {
                IndicatorRecorded e = (IndicatorRecorded) event;
                yield new FigureEventsV1.IndicatorRecorded(e.negotiationId(), wire(e.indicator()));
            }
            case INDICATOR_CORRECTED -> {
                IndicatorCorrected e = (IndicatorCorrected) event;
                yield new FigureEventsV1.IndicatorCorrected(
                        e.negotiationId(), e.targetVersion(), wire(e.corrected()), e.reason());
            }
            case INDICATOR_RETRACTED -> {
                IndicatorRetracted e = (IndicatorRetracted) event;
                yield new FigureEventsV1.IndicatorRetracted(e.negotiationId(), e.targetVersion(), e.reason());
            }
            case CLAIM_RECORDED -> {
                Claim c = ((ClaimRecorded) event).claim();
                yield new FigureEventsV1.ClaimRecorded(
                        event.negotiationId(),
                        new ClaimJson(
                                c.statement(),
                                wire(c.source()),
                                c.madeOn() == null ? null : WireValues.wire(c.madeOn())));
            }
            case CLAIM_RETRACTED -> {
                ClaimRetracted e = (ClaimRetracted) event;
                yield new FigureEventsV1.ClaimRetracted(e.negotiationId(), e.targetVersion(), e.reason());
            }
            default -> throw new IllegalArgumentException("not an indicator or claim event: " + event.kind());
        };
    }

    static NegotiationEvent toDomain(Kind kind, Object wire) {
        return switch (kind) {
            case INDICATOR_RECORDED -> {
                var w = (FigureEventsV1.IndicatorRecorded) wire;
                yield new IndicatorRecorded(w.negotiationId(), domain(w.indicator()));
            }
            case INDICATOR_CORRECTED -> {
                var w = (FigureEventsV1.IndicatorCorrected) wire;
                yield new IndicatorCorrected(w.negotiationId(), w.correctsVersion(), domain(w.corrected()), w.reason());
            }
            case INDICATOR_RETRACTED -> {
                var w = (FigureEventsV1.IndicatorRetracted) wire;
                yield new IndicatorRetracted(w.negotiationId(), w.retractsVersion(), w.reason());
            }
            case CLAIM_RECORDED -> {
                var w = (FigureEventsV1.ClaimRecorded) wire;
                ClaimJson c = Objects.requireNonNull(w.claim(), "claim");
                yield new ClaimRecorded(
                        w.negotiationId(),
                        new Claim(
                                c.statement(),
                                domain(c.source()),
                                c.madeOn() == null ? null : WireValues.domain(c.madeOn())));
            }
            case CLAIM_RETRACTED -> {
                var w = (FigureEventsV1.ClaimRetracted) wire;
                yield new ClaimRetracted(w.negotiationId(), w.retractsVersion(), w.reason());
            }
            default -> throw new IllegalArgumentException("not an indicator or claim event: " + kind);
        };
    }

    /** The business date text an event is about (the period; a claim's date), or null. */
    static String occurredOn(NegotiationEvent event) {
        BusinessDate date =
                switch (event.kind()) {
                    case INDICATOR_RECORDED ->
                        ((IndicatorRecorded) event).indicator().period();
                    case INDICATOR_CORRECTED ->
                        ((IndicatorCorrected) event).corrected().period();
                    case CLAIM_RECORDED -> ((ClaimRecorded) event).claim().madeOn();
                    default -> null;
                };
        return date == null ? null : date.text();
    }

    private static IndicatorJson wire(Indicator i) {
        return new IndicatorJson(
                i.name(),
                i.value().toPlainString(),
                i.qualifier().name(),
                i.unit(),
                i.currency(),
                WireValues.wire(i.period()),
                i.scope(),
                map(i.sources(), FigureWireMapper::wire));
    }

    private static Indicator domain(IndicatorJson i) {
        Objects.requireNonNull(i, "indicator");
        return new Indicator(
                i.name(),
                new BigDecimal(i.value()),
                Indicator.Qualifier.valueOf(i.qualifier()),
                i.unit(),
                i.currency(),
                WireValues.domain(i.period()),
                i.scope(),
                map(i.sources(), FigureWireMapper::domain));
    }

    private static CitedSourceJson wire(CitedSource s) {
        return new CitedSourceJson(
                s.title(),
                s.publisher(),
                s.published() == null ? null : s.published().toString(),
                s.url(),
                s.kind().name());
    }

    private static CitedSource domain(CitedSourceJson s) {
        Objects.requireNonNull(s, "source");
        return new CitedSource(
                s.title(),
                s.publisher(),
                s.published() == null ? null : LocalDate.parse(s.published()),
                s.url(),
                CitedSource.Kind.valueOf(s.kind()));
    }
}
