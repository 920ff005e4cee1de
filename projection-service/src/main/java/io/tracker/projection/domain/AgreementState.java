package io.tracker.projection.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An agreement's state folded event by event: per fact of its negotiation stream, what the agreement's list row
 * needs (type, current date and status, title, mission id, the opening's parties) and what a later correction or
 * retraction can change (by stream version: the latest correction applied, retracted or not); amendments whose
 * target has not arrived yet (versions may arrive out of order) wait in {@code pending}. Folding an event touches
 * only the entries it concerns: no history is decoded or replayed.
 * <p>
 * It gives the same status "now" as {@link AgreementStatusCalculator#status} over the stream's whole history (in
 * the compact form: descriptions, participants, places, focus areas, signatories and sources are not kept).
 * Mutable: one fold at a time.
 */
public final class AgreementState {
    /** A fact or status change of the stream, as it stands after the amendments folded into it. */
    public record Fact(long version, EventType type, BusinessDate date, FactStatus status, String title,
            String missionId, List<String> parties, long correctedBy, boolean retracted) {
        public Fact {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(status, "status");
            parties = Lists.copy(parties);
        }
    }

    /**
     * A correction ({@code date}, {@code status}: the corrected ones) or retraction ({@code retraction}; no date)
     * of the fact at {@code target}, which has not arrived yet.
     */
    public record Pending(long version, long target, boolean retraction, BusinessDate date, FactStatus status) {
    }

    private final String agreementId;
    private final TreeMap<Long, Fact> facts = new TreeMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private int events;
    private long lastVersion;
    private Instant lastRecordedAt;

    private AgreementState(String agreementId) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
    }

    /** No event yet. */
    public static AgreementState empty(String agreementId) {
        return new AgreementState(agreementId);
    }

    /** A state as it was stored. */
    public static AgreementState restore(String agreementId, List<Fact> facts, List<Pending> pending, int events,
            long lastVersion, Instant lastRecordedAt) {
        AgreementState state = new AgreementState(agreementId);
        facts.forEach(f -> state.facts.put(f.version(), f));
        state.pending.addAll(pending);
        state.events = events;
        state.lastVersion = lastVersion;
        state.lastRecordedAt = lastRecordedAt;
        return state;
    }

    /** The state folded over every event of {@code history} (any order). */
    public static AgreementState of(String agreementId, List<RecordedEvent> history) {
        AgreementState state = empty(agreementId);
        history.forEach(state::apply);
        return state;
    }

    /** Folds one event of the stream (each version once; versions in any order). */
    public void apply(RecordedEvent e) {
        events++;
        lastVersion = Math.max(lastVersion, e.version());
        Instant recorded = e.recordedAt().truncatedTo(ChronoUnit.MICROS); // as the store keeps it
        if (lastRecordedAt == null || recorded.isAfter(lastRecordedAt)) {
            lastRecordedAt = recorded;
        }
        EventBody body = e.body();
        if (!e.type().isAmendment()) {
            Fact fact = fact(e);
            if (fact == null) {
                return;
            }
            facts.put(fact.version(), fact);
            for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.target() == fact.version()) {
                    amend(p);
                    it.remove();
                }
            }
            return;
        }
        long target = e.targetVersion();
        if (target < 1 || target >= e.version()) {
            return; // points at nothing earlier: the whole history ignores it as well
        }
        Pending p;
        if (body instanceof Retraction) {
            p = new Pending(e.version(), target, true, null, null);
        } else if (body instanceof NegotiationCorrection c) {
            p = new Pending(e.version(), target, false, c.corrected().date(), c.corrected().status());
        } else {
            return; // an amendment this stream's facts cannot take
        }
        if (facts.containsKey(target)) {
            amend(p);
        } else {
            pending.add(p);
        }
    }

    private static Fact fact(RecordedEvent e) {
        EventBody body = e.body();
        if (body instanceof NegotiationFact f) {
            List<String> parties = e.type() == EventType.NEGOTIATION_OPENED ? f.parties() : List.of();
            return new Fact(e.version(), e.type(), f.date(), f.status(), f.title(), f.missionId(), parties, 0, false);
        }
        if (body instanceof StatusChange s) {
            return new Fact(e.version(), e.type(), s.date(), s.status(), null, null, List.of(), 0, false);
        }
        return null; // not a negotiation's fact
    }

    private void amend(Pending p) {
        Fact f = facts.get(p.target());
        if (p.retraction()) {
            facts.put(f.version(), new Fact(f.version(), f.type(), f.date(), f.status(), f.title(), f.missionId(),
                    f.parties(), f.correctedBy(), true));
        } else if (f.type().category() == EventType.Category.FACT && p.version() > f.correctedBy()) {
            // a correction replaces the fact's common details; the latest correction (by version) stands
            facts.put(f.version(), new Fact(f.version(), f.type(), p.date(), p.status(), f.title(), f.missionId(),
                    f.parties(), p.version(), f.retracted()));
        }
    }

    /** The status now; empty before the first event. */
    public Optional<AgreementStatus> status() {
        if (events == 0) {
            return Optional.empty();
        }
        List<EffectiveEvent> effective = new ArrayList<>(facts.size());
        for (Fact f : facts.values()) {
            EventBody body = f.type().category() == EventType.Category.FACT
                    ? new NegotiationFact(new FactDetails(f.date(), f.status(), List.of(), null, List.of(), List.of()),
                            f.title(), null, f.missionId(), f.parties(), List.of())
                    : new StatusChange(f.date(), null, List.of());
            RecordedEvent event = new RecordedEvent(StreamKind.NEGOTIATION, agreementId, f.version(),
                    new UUID(0, f.version()), f.type(), Instant.EPOCH, body);
            effective.add(new EffectiveEvent(event, body, f.retracted(), List.of()));
        }
        return Optional.of(AgreementStatusCalculator.status(agreementId, StreamHistory.ofEffective(effective),
                AsOf.NOW, new AgreementStatus.Basis(events, lastVersion, lastRecordedAt)));
    }

    public String agreementId() {
        return agreementId;
    }

    /** The facts in stream order. */
    public List<Fact> facts() {
        return List.copyOf(facts.values());
    }

    public List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** How many events were folded. */
    public int events() {
        return events;
    }

    public long lastVersion() {
        return lastVersion;
    }

    public Instant lastRecordedAt() {
        return lastRecordedAt;
    }
}
