package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;

/**
 * Where an agreement (a negotiation) stands as of the question: its stage (null when nothing had been
 * recorded as happened), the milestones reached and still pending, whether anything binding exists, who
 * took part and what it is about. {@code basis} says which recorded events the answer rests on.
 * <p>
 * Never overstated: a fact dated by an interval that the question's business date falls inside ("late October
 * 2025" as of 25 October) may or may not have happened by then. It does not make the stage or a milestone
 * reached; it shows in {@code milestonesPossiblyReached}, and {@code possibleProgress} is the progress it would
 * mean (null when it would mean no more than {@code progress}).
 */
public record AgreementStatus(
        String agreementId,
        String title,
        List<String> parties,
        Stage stage,
        Stage progress,
        Stage possibleProgress,
        BusinessDate stalledSince,
        Milestone lastMilestone,
        List<Milestone> milestonesReached,
        List<Milestone> milestonesPossiblyReached,
        List<Milestone> milestonesPending,
        boolean binding,
        List<Instrument> instruments,
        List<Participant> participants,
        List<String> focusAreas,
        AsOf asOf,
        Basis basis) {

    /** How many events the answer considered, the highest stream version, the latest recorded-at among them. */
    public record Basis(int eventsKnown, long lastVersion, Instant lastRecordedAt) {}

    public AgreementStatus {
        parties = Lists.copy(parties);
        milestonesReached = Lists.copy(milestonesReached);
        milestonesPossiblyReached = Lists.copy(milestonesPossiblyReached);
        milestonesPending = Lists.copy(milestonesPending);
        instruments = Lists.copy(instruments);
        participants = Lists.copy(participants);
        focusAreas = Lists.copy(focusAreas);
    }
}
