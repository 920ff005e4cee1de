package io.tracker.projection.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What an amendment can take away from an {@link AgreementState}'s head, and where its next best is found among the
 * stream's entries (in force, after the batch's own entries are stored): the store answers each with one indexed
 * query ({@code limit 1}), the trade missions with their facts.
 */
public enum AgreementStateBest {
    /** The first opening (by version). */
    OPENING(Set.of(EventType.NEGOTIATION_OPENED), false, Order.FIRST_VERSION),
    /** The latest stall or resumption (by version). */
    MARK(Set.of(EventType.NEGOTIATION_STALLED, EventType.NEGOTIATION_RESUMED), false, Order.LAST_VERSION),
    LEADERS_MEETING(Set.of(EventType.LEADERS_MET), true, Order.FIRST_DATE),
    MOU(Set.of(EventType.MOU_SIGNED), true, Order.FIRST_DATE),
    COMMITTEE(Set.of(EventType.COMMITTEE_FORMED), true, Order.FIRST_DATE),
    FORUM(Set.of(EventType.FORUM_ESTABLISHED), true, Order.FIRST_DATE),
    AGREEMENT(Set.of(EventType.AGREEMENT_CONCLUDED), true, Order.FIRST_DATE),
    /** The latest talks held (by business date). */
    TALKS(Set.of(EventType.TALKS_HELD), true, Order.LAST_DATE),
    /** Every trade mission's facts: the best mission is the one whose first completion is latest. */
    TRADE_MISSIONS(Set.of(EventType.TRADE_MISSION_ANNOUNCED, EventType.TRADE_MISSION_COMPLETED), false, Order.ALL);

    /** Which of the candidates is the answer. */
    public enum Order {
        FIRST_VERSION,
        LAST_VERSION,
        FIRST_DATE,
        LAST_DATE,
        ALL
    }

    private static final Comparator<AgreementStateEntry> BY_DATE =
            Comparator.comparing(AgreementStateEntry::date).thenComparingLong(AgreementStateEntry::version);

    private final Set<EventType> types;
    private final boolean occurredOnly;
    private final Order order;

    AgreementStateBest(Set<EventType> types, boolean occurredOnly, Order order) {
        this.types = types;
        this.occurredOnly = occurredOnly;
        this.order = order;
    }

    /** The candidates' types. */
    public Set<EventType> types() {
        return types;
    }

    /** Whether only facts that occurred are candidates. */
    public boolean occurredOnly() {
        return occurredOnly;
    }

    public Order order() {
        return order;
    }

    /** The single milestone this is about, or null. */
    MilestoneKind milestone() {
        return switch (this) {
            case LEADERS_MEETING -> MilestoneKind.LEADERS_MEETING;
            case MOU -> MilestoneKind.MOU;
            case COMMITTEE -> MilestoneKind.COMMITTEE;
            case FORUM -> MilestoneKind.FORUM;
            case AGREEMENT -> MilestoneKind.AGREEMENT;
            default -> null;
        };
    }

    static AgreementStateBest of(MilestoneKind kind) {
        return valueOf(kind.name());
    }

    /** The answer among {@code entries} (what the store's query answers, computed here). */
    public List<AgreementStateEntry> answer(Collection<AgreementStateEntry> entries) {
        List<AgreementStateEntry> candidates = entries.stream()
                .filter(e -> !e.retracted() && types.contains(e.type()) && (!occurredOnly || e.occurred()))
                .toList();
        Comparator<AgreementStateEntry> by =
                switch (order) {
                    case FIRST_VERSION, LAST_VERSION -> Comparator.comparingLong(AgreementStateEntry::version);
                    default -> BY_DATE;
                };
        return switch (order) {
            case FIRST_VERSION, FIRST_DATE ->
                candidates.stream().min(by).stream().toList();
            case LAST_VERSION, LAST_DATE -> candidates.stream().max(by).stream().toList();
            case ALL -> candidates;
        };
    }
}
