package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one stream folded as they were known at {@code asOf.knownAt()}: corrections and
 * retractions are applied to the events they point at (and kept with them as {@link Amendment}s), so that
 * everything else works on {@link EffectiveEvent}s. The business-date filter is applied afterwards, to the
 * corrected dates ({@link #happened}).
 */
public final class StreamHistory {
    private final List<EffectiveEvent> events;

    private StreamHistory(List<EffectiveEvent> events) {
        this.events = events;
    }

    public static StreamHistory of(List<RecordedEvent> recorded, AsOf asOf) {
        List<RecordedEvent> known = recorded.stream()
                .filter(asOf::knows)
                .sorted(Comparator.comparingLong(RecordedEvent::version))
                .toList();
        Map<Long, Folding> byVersion = new LinkedHashMap<>();
        for (RecordedEvent e : known) {
            if (e.type().category() == EventType.Category.FIGURE) {
                continue; // indicators and claims are not facts (Figures reads them)
            }
            if (!e.type().isAmendment()) {
                byVersion.put(e.version(), new Folding(e));
                continue;
            }
            Folding target = byVersion.get(e.targetVersion());
            if (target != null) {
                target.amend(e);
            }
            // an amendment of an event not known (or not a fact) changes nothing that can be shown
        }
        List<EffectiveEvent> effective = new ArrayList<>(byVersion.size());
        byVersion.values().forEach(f -> effective.add(f.result()));
        return new StreamHistory(List.copyOf(effective));
    }

    /** A history already folded elsewhere ({@link AgreementState}): {@code effective} in stream order. */
    public static StreamHistory ofEffective(List<EffectiveEvent> effective) {
        return new StreamHistory(List.copyOf(effective));
    }

    /** Every event (amendments folded in), in stream order. */
    public List<EffectiveEvent> all() {
        return events;
    }

    /** The events whose (corrected) business date had begun by {@code asOf.businessDate()}, in stream order. */
    public List<EffectiveEvent> happened(AsOf asOf) {
        return events.stream().filter(e -> asOf.happened(e.date())).toList();
    }

    /** Those of {@link #happened} still in force (not retracted). */
    public List<EffectiveEvent> inForce(AsOf asOf) {
        return happened(asOf).stream().filter(EffectiveEvent::inForce).toList();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    private static final class Folding {
        private final RecordedEvent event;
        private EventBody current;
        private boolean retracted;
        private final List<Amendment> amendments = new ArrayList<>();

        Folding(RecordedEvent event) {
            this.event = event;
            this.current = event.body();
        }

        void amend(RecordedEvent amendment) {
            EventBody before = current;
            EventBody body = amendment.body();
            if (body instanceof Retraction r) {
                retracted = true;
                amendments.add(new Amendment(
                        Amendment.Kind.RETRACTION,
                        amendment.version(),
                        amendment.recordedAt(),
                        r.reason(),
                        r.sources(),
                        before.date(),
                        before.status(),
                        null,
                        null));
                return;
            }
            String reason = null;
            List<Source> sources = List.of();
            if (body instanceof NegotiationCorrection c && current instanceof NegotiationFact f) {
                current = f.withFact(c.corrected());
                reason = c.reason();
                sources = c.corrected().sources();
            } else if (body instanceof InvestmentCorrection c && current instanceof InvestmentFact f) {
                current = f.corrected(c);
                reason = c.reason();
                sources = c.sources();
            } else {
                return; // a correction of a kind of event it cannot correct: nothing to show
            }
            amendments.add(new Amendment(
                    Amendment.Kind.CORRECTION,
                    amendment.version(),
                    amendment.recordedAt(),
                    reason,
                    sources,
                    before.date(),
                    before.status(),
                    current.date(),
                    current.status()));
        }

        EffectiveEvent result() {
            return new EffectiveEvent(event, current, retracted, amendments);
        }
    }
}
