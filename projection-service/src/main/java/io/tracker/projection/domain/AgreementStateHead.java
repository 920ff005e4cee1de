package io.tracker.projection.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link AgreementState} stores: a head of fixed shape that does not grow with the stream (counts and the
 * few facts that decide the list row), plus the amendments still waiting for their target ({@code pending}: empty
 * unless versions arrive out of order).
 *
 * @param occurred          per fact type, how many facts in force (not retracted) occurred: progress, MOU, binding
 * @param terminated        how many terminations are in force
 * @param opening           the first opening in force (by version): the title and parties
 * @param mark              the latest stall or resumption in force (by version): stalled or not
 * @param groups            per milestone kind with one milestone per agreement (not talks nor trade missions): how
 *                          many of its facts are in force and the first (by business date) completion in force
 * @param pendingTalks      talks in force that did not occur (one milestone per meeting)
 * @param bestTalk          of the talks that occurred, the latest (by business date)
 * @param pendingMissions   trade missions (by mission id) with facts in force and no completion in force
 * @param bestMission       of the trade missions completed, the latest (by the business date of its first completion)
 */
public record AgreementStateHead(
        int events,
        long lastVersion,
        Instant lastRecordedAt,
        Map<EventType, Integer> occurred,
        int terminated,
        Opening opening,
        StatusMark mark,
        Map<MilestoneKind, Group> groups,
        int pendingTalks,
        Reached bestTalk,
        int pendingMissions,
        Reached bestMission,
        List<AgreementState.Pending> pending) {

    public AgreementStateHead {
        occurred = occurred.isEmpty() ? new EnumMap<>(EventType.class) : new EnumMap<>(occurred);
        groups = groups.isEmpty() ? new EnumMap<>(MilestoneKind.class) : new EnumMap<>(groups);
        pending = List.copyOf(pending);
    }

    /** The fact that decides a milestone reached; {@code key} names the milestone (a trade mission's id). */
    public record Reached(MilestoneKind kind, String key, BusinessDate date, long version, String title) {
        /** The milestones' order: business date, then stream version. */
        public static final Comparator<Reached> ORDER =
                Comparator.comparing(Reached::date).thenComparingLong(Reached::version);

        public Reached {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(date, "date");
        }

        static Reached max(Reached a, Reached b) {
            return a == null ? b : b == null ? a : ORDER.compare(a, b) >= 0 ? a : b;
        }

        static Reached min(Reached a, Reached b) {
            return a == null ? b : b == null ? a : ORDER.compare(a, b) <= 0 ? a : b;
        }
    }

    public record Opening(long version, String title, List<String> parties) {
        public Opening {
            parties = Lists.copy(parties);
        }
    }

    public record StatusMark(long version, EventType type, BusinessDate date) {}

    public record Group(int inForce, Reached reached) {}
}
