package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;

/**
 * One agreement in the list, as of the question: stage, last milestone reached, how many milestones are reached
 * and pending, binding or not, focus areas, and the recorded events the row rests on.
 */
public record AgreementRow(
        String id,
        String title,
        List<String> parties,
        Stage stage,
        Milestone lastMilestone,
        int milestonesReached,
        int pendingMilestones,
        boolean binding,
        List<String> focusAreas,
        long lastVersion,
        Instant lastRecordedAt) {

    public AgreementRow {
        parties = Lists.copy(parties);
        focusAreas = Lists.copy(focusAreas);
    }

    public static AgreementRow of(AgreementStatus s) {
        int reached = (int) s.milestonesReached().stream()
                .filter(m -> m.state() == Milestone.State.REACHED)
                .count();
        return new AgreementRow(
                s.agreementId(),
                s.title(),
                s.parties(),
                s.stage(),
                s.lastMilestone(),
                reached,
                s.milestonesPending().size(),
                s.binding(),
                s.focusAreas(),
                s.basis().lastVersion(),
                s.basis().lastRecordedAt());
    }
}
