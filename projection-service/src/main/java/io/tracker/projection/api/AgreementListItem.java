package io.tracker.projection.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.tracker.projection.persistence.AgreementSummaryEntity;

/** One agreement in the list: its stage and last milestone reached, now. */
public record AgreementListItem(String id, String title, List<String> parties, String stage,
        LastMilestone lastMilestone, int pendingMilestones, boolean binding, long lastVersion, Instant lastRecordedAt) {

    /** {@code summary} like "MOU: signed"; {@code date} the business date text. */
    public record LastMilestone(String milestone, String summary, String date) {
    }

    static AgreementListItem of(AgreementSummaryEntity e) {
        List<String> parties = e.parties == null || e.parties.isBlank() ? List.of() : Arrays.asList(e.parties.split(","));
        return new AgreementListItem(e.negotiationId, e.title, parties, e.stage,
                e.lastMilestoneKind == null ? null : new LastMilestone(e.lastMilestoneKind, e.lastMilestone, e.lastMilestoneDate),
                e.pendingMilestones, e.binding, e.lastVersion, e.lastRecordedAt == null ? null : e.lastRecordedAt.toInstant());
    }
}
