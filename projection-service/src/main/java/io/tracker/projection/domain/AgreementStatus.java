package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;

/**
 * Where an agreement (a negotiation) stands as of the question: its stage (null when nothing had been
 * recorded as happened), the milestones reached and still pending, whether anything binding exists, who
 * took part and what it is about. {@code basis} says which recorded events the answer rests on.
 */
public record AgreementStatus(String agreementId, String title, List<String> parties, Stage stage, Stage progress,
        BusinessDate stalledSince, Milestone lastMilestone, List<Milestone> milestonesReached,
        List<Milestone> milestonesPending, boolean binding, List<Instrument> instruments,
        List<Participant> participants, List<String> focusAreas, AsOf asOf, Basis basis) {

    /** How many events the answer considered, the highest stream version, the latest recorded-at among them. */
    public record Basis(int eventsKnown, long lastVersion, Instant lastRecordedAt) {
    }

    public AgreementStatus {
        parties = Lists.copy(parties);
        milestonesReached = Lists.copy(milestonesReached);
        milestonesPending = Lists.copy(milestonesPending);
        instruments = Lists.copy(instruments);
        participants = Lists.copy(participants);
        focusAreas = Lists.copy(focusAreas);
    }
}
