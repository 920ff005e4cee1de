package io.tracker.projection.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a researcher asks of the agreement list: each criterion null (or empty) means "any". {@code party} a
 * country code among the parties; {@code stages} the stage as of the question; {@code binding} whether a binding
 * instrument is in force; {@code focusArea} one of the focus areas; {@code reached} / {@code pending} a milestone
 * kind reached (possibly reached counts as not reached) or pending; {@code from} / {@code to} a business-date
 * range that at least one event in force overlaps; {@code text} a case-insensitive part of the id or title.
 */
public record AgreementFilter(
        String party,
        Set<Stage> stages,
        Boolean binding,
        String focusArea,
        MilestoneKind reached,
        MilestoneKind pending,
        LocalDate from,
        LocalDate to,
        String text) {

    public static final AgreementFilter ANY =
            new AgreementFilter(null, Set.of(), null, null, null, null, null, null, null);

    public AgreementFilter {
        stages = stages == null ? Set.of() : Set.copyOf(stages);
    }

    /** {@code dates}: the business dates of the agreement's events in force that had happened by the question. */
    public boolean matches(AgreementStatus s, List<BusinessDate> dates) {
        if (party != null && s.parties().stream().noneMatch(party::equalsIgnoreCase)) {
            return false;
        }
        if (!stages.isEmpty() && (s.stage() == null || !stages.contains(s.stage()))) {
            return false;
        }
        if (binding != null && s.binding() != binding) {
            return false;
        }
        if (focusArea != null && s.focusAreas().stream().noneMatch(focusArea::equalsIgnoreCase)) {
            return false;
        }
        if (reached != null
                && s.milestonesReached().stream()
                        .noneMatch(m -> m.milestone() == reached && m.state() == Milestone.State.REACHED)) {
            return false;
        }
        if (pending != null && s.milestonesPending().stream().noneMatch(m -> m.milestone() == pending)) {
            return false;
        }
        if ((from != null || to != null) && dates.stream().noneMatch(this::overlaps)) {
            return false;
        }
        if (text != null) {
            String t = text.toLowerCase(Locale.ROOT);
            return s.agreementId().contains(t)
                    || (s.title() != null && s.title().toLowerCase(Locale.ROOT).contains(t));
        }
        return true;
    }

    private boolean overlaps(BusinessDate d) {
        return d != null
                && (from == null || !d.latest().isBefore(from))
                && (to == null || !d.earliest().isAfter(to));
    }
}
