package io.tracker.negotiation.domain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.NegotiationEvent.FactEvent;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionAnnounced;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionCompleted;

/** The decider as it was before the compact state (full facts in a copied TreeMap): the reference the compact one is checked against.
 *
 * A negotiation folded from its events. {@code version} counts the events (the stream version of the last
 * one); {@code facts} holds every fact event by its version with its current (possibly corrected) details
 * and whether it was retracted. Stage, MOUs and trade missions are derived from the facts in force, so a
 * correction or retraction is reflected without rewriting anything.
 */
public record FullNegotiationState(
        String negotiationId,
        List<String> parties,
        long version,
        Map<Long, RecordedFact> facts,
        BusinessDate stalledSince,
        boolean terminated) {

    /** A fact event as it stands now: {@code current} replaces {@code event.fact()} after corrections. */
    public record RecordedFact(long version, FactEvent event, Fact current, boolean retracted) {
        public boolean inForce() {
            return !retracted;
        }

        public boolean occurred() {
            return current.status() == FactStatus.OCCURRED;
        }

        public Kind kind() {
            return event.kind();
        }
    }

    public FullNegotiationState {
        parties = Lists.copy(parties);
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public static FullNegotiationState initial() {
        return new FullNegotiationState(null, List.of(), 0, Map.of(), null, false);
    }

    /** True once a NegotiationOpened was folded. */
    public boolean exists() {
        return negotiationId != null;
    }

    public boolean stalled() {
        return stalledSince != null;
    }

    /** The stage shown to users; null before the negotiation is opened. */
    public Stage stage() {
        if (!exists()) {
            return null;
        }
        if (terminated) {
            return Stage.TERMINATED;
        }
        return stalled() ? Stage.STALLED : progress();
    }

    /** The furthest progress stage reached by OCCURRED facts in force (ignores stalling and termination). */
    public Stage progress() {
        if (!exists()) {
            return null;
        }
        boolean underMou = hasMouOrAgreement(true);
        Stage reached = Stage.OPENED;
        for (RecordedFact fact : inForce().filter(RecordedFact::occurred).toList()) {
            Stage stage = Stage.reachedBy(fact.kind(), underMou);
            if (stage != null && stage.compareTo(reached) > 0) {
                reached = stage;
            }
        }
        return reached;
    }

    public Optional<RecordedFact> fact(long version) {
        return Optional.ofNullable(facts.get(version));
    }

    /** Facts not retracted, in stream order. */
    public Stream<RecordedFact> inForce() {
        return facts.values().stream().filter(RecordedFact::inForce);
    }

    /** An MOU or agreement in force; with {@code occurredOnly}, one that has OCCURRED. */
    public boolean hasMouOrAgreement(boolean occurredOnly) {
        return inForce()
                .filter(f -> f.kind() == Kind.MOU_SIGNED || f.kind() == Kind.AGREEMENT_CONCLUDED)
                .anyMatch(f -> !occurredOnly || f.occurred());
    }

    public boolean agreementConcluded() {
        return inForce().anyMatch(f -> f.kind() == Kind.AGREEMENT_CONCLUDED && f.occurred());
    }

    public boolean missionAnnounced(String missionId) {
        return inForce()
                .map(RecordedFact::event)
                .anyMatch(e ->
                        e instanceof TradeMissionAnnounced a && a.missionId().equals(missionId));
    }

    public boolean missionCompleted(String missionId) {
        return inForce()
                .map(RecordedFact::event)
                .anyMatch(e ->
                        e instanceof TradeMissionCompleted c && c.missionId().equals(missionId));
    }

    FullNegotiationState withOpened(String id, List<String> newParties) {
        return new FullNegotiationState(id, newParties, version, facts, stalledSince, terminated);
    }

    /** The state with one more event counted. */
    FullNegotiationState counted() {
        return new FullNegotiationState(negotiationId, parties, version + 1, facts, stalledSince, terminated);
    }

    /** Records a fact event at the current version (call after {@link #counted()}). */
    FullNegotiationState withFact(FactEvent event) {
        return withRecordedFact(new RecordedFact(version, event, event.fact(), false));
    }

    FullNegotiationState withRecordedFact(RecordedFact fact) {
        Map<Long, RecordedFact> next = new TreeMap<>(facts);
        next.put(fact.version(), fact);
        return new FullNegotiationState(negotiationId, parties, version, next, stalledSince, terminated);
    }

    FullNegotiationState withStalledSince(BusinessDate date) {
        return new FullNegotiationState(negotiationId, parties, version, facts, date, terminated);
    }

    FullNegotiationState withTerminated() {
        return new FullNegotiationState(negotiationId, parties, version, facts, stalledSince, true);
    }
}
