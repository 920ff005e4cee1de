package io.tracker.negotiation.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.VersionSlots;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/**
 * What {@code decide} needs of a negotiation, folded from its events. {@code version} counts the events (the
 * stream version of the last one); each fact event is kept as a {@link FactSummary} by its version, as it
 * stands after corrections and retractions (its details only as a digest: the full facts are
 * {@link NegotiationFacts}, for reads). Stage, MOUs and trade missions are derived from the facts in force, so a
 * correction or retraction is reflected without rewriting anything. Immutable; a new event copies only what
 * it changes ({@link VersionSlots}), so a fold is linear in the stream's length.
 */
public final class NegotiationState {
    private final String negotiationId;
    private final List<String> parties;
    private final long version;
    private final VersionSlots<FactSummary> facts;
    private final BusinessDate stalledSince;
    private final boolean terminated;

    private NegotiationState(
            String negotiationId,
            List<String> parties,
            long version,
            VersionSlots<FactSummary> facts,
            BusinessDate stalledSince,
            boolean terminated) {
        this.negotiationId = negotiationId;
        this.parties = parties;
        this.version = version;
        this.facts = facts;
        this.stalledSince = stalledSince;
        this.terminated = terminated;
    }

    public static NegotiationState initial() {
        return new NegotiationState(null, List.of(), 0, VersionSlots.empty(), null, false);
    }

    /** A state as a snapshot recorded it (the facts in version order). */
    public static NegotiationState restore(
            String negotiationId,
            List<String> parties,
            long version,
            List<FactSummary> facts,
            BusinessDate stalledSince,
            boolean terminated) {
        VersionSlots<FactSummary> trie = VersionSlots.empty();
        for (FactSummary f : facts) {
            trie = trie.with(f.version(), Objects.requireNonNull(f));
        }
        return new NegotiationState(negotiationId, Lists.copy(parties), version, trie, stalledSince, terminated);
    }

    public String negotiationId() {
        return negotiationId;
    }

    public List<String> parties() {
        return parties;
    }

    public long version() {
        return version;
    }

    public BusinessDate stalledSince() {
        return stalledSince;
    }

    public boolean terminated() {
        return terminated;
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
        for (FactSummary fact : inForce().filter(FactSummary::occurred).toList()) {
            Stage stage = Stage.reachedBy(fact.kind(), underMou);
            if (stage != null && stage.compareTo(reached) > 0) {
                reached = stage;
            }
        }
        return reached;
    }

    /** The fact event at this version, or empty when that event is not a fact. */
    public Optional<FactSummary> fact(long factVersion) {
        return Optional.ofNullable(facts.get(factVersion));
    }

    /** Every fact event, retracted or not, in stream order. */
    public List<FactSummary> facts() {
        return facts.values();
    }

    /** Facts not retracted, in stream order. */
    public Stream<FactSummary> inForce() {
        return facts.values().stream().filter(FactSummary::inForce);
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
        return inForce().anyMatch(f -> f.kind() == Kind.TRADE_MISSION_ANNOUNCED && missionId.equals(f.missionId()));
    }

    public boolean missionCompleted(String missionId) {
        return inForce().anyMatch(f -> f.kind() == Kind.TRADE_MISSION_COMPLETED && missionId.equals(f.missionId()));
    }

    /**
     * A rough estimate of the heap this state takes (the object, parties, the trie's arrays and the summaries),
     * to bound the kept states by memory.
     */
    public long estimatedBytes() {
        long bytes =
                48 + 40 + (negotiationId == null ? 0 : 48 + negotiationId.length()) + (stalledSince == null ? 0 : 120);
        for (String party : parties) {
            bytes += 48 + (party == null ? 0 : party.length());
        }
        bytes += facts.estimatedBytes();
        for (FactSummary f : facts.values()) {
            bytes += f.estimatedBytes();
        }
        return bytes;
    }

    NegotiationState withOpened(String id, List<String> newParties) {
        return new NegotiationState(id, Lists.copy(newParties), version, facts, stalledSince, terminated);
    }

    /** The state with one more event counted. */
    NegotiationState counted() {
        return new NegotiationState(negotiationId, parties, version + 1, facts, stalledSince, terminated);
    }

    /** Records a fact event at the current version (call after {@link #counted()}). */
    NegotiationState withFact(NegotiationEvent.FactEvent event) {
        String missionId = event instanceof NegotiationEvent.TradeMissionAnnounced a
                ? a.missionId()
                : event instanceof NegotiationEvent.TradeMissionCompleted c ? c.missionId() : null;
        return withSummary(new FactSummary(
                version,
                event.kind(),
                event.fact().status() == io.tracker.core.domain.FactStatus.OCCURRED,
                false,
                missionId,
                FactDigest.of(event.fact())));
    }

    NegotiationState withSummary(FactSummary fact) {
        return new NegotiationState(
                negotiationId, parties, version, facts.with(fact.version(), fact), stalledSince, terminated);
    }

    NegotiationState withStalledSince(BusinessDate date) {
        return new NegotiationState(negotiationId, parties, version, facts, date, terminated);
    }

    NegotiationState withTerminated() {
        return new NegotiationState(negotiationId, parties, version, facts, stalledSince, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegotiationState s
                && version == s.version
                && terminated == s.terminated
                && Objects.equals(negotiationId, s.negotiationId)
                && parties.equals(s.parties)
                && Objects.equals(stalledSince, s.stalledSince)
                && facts().equals(s.facts());
    }

    @Override
    public int hashCode() {
        return Objects.hash(negotiationId, version, terminated);
    }

    @Override
    public String toString() {
        return "NegotiationState[" + negotiationId + " v" + version + ", parties " + parties + ", stalled since "
                + stalledSince + ", terminated " + terminated + ", facts " + facts() + "]";
    }
}
