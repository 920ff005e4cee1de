package io.tracker.projection.domain;

/**
 * A milestone as of the question: REACHED, or pending as ANNOUNCED or PLANNED. {@code summary} reads like
 * "forum: announced, not established"; {@code title} names the instance (the forum's name, the mission's
 * title) when the facts give one; {@code date} and {@code streamVersion} are those of the fact that decides
 * the state.
 */
public record Milestone(
        MilestoneKind milestone, State state, String summary, String title, BusinessDate date, long streamVersion) {

    /**
     * REACHED: certainly by the question's business date; POSSIBLY_REACHED: the fact is dated by an interval that
     * the question's business date falls inside ("late October 2025" asked about as of 25 October), so it may or
     * may not have happened by then; ANNOUNCED or PLANNED: pending.
     */
    public enum State {
        REACHED,
        POSSIBLY_REACHED,
        ANNOUNCED,
        PLANNED
    }

    static Milestone of(MilestoneKind kind, State state, String title, BusinessDate date, long version) {
        String noun = noun(kind, title);
        String summary =
                switch (state) {
                    case REACHED -> noun + ": " + kind.verb();
                    case POSSIBLY_REACHED ->
                        noun + ": possibly " + kind.verb() + " by then (dated " + (date == null ? "?" : date.text())
                                + ")";
                    default -> noun + ": " + state.name().toLowerCase() + ", not " + kind.verb();
                };
        return new Milestone(kind, state, summary, title, date, version);
    }

    /** "trade mission 'Team Canada …'", "delegation talks", "forum". */
    static String noun(MilestoneKind kind, String title) {
        if (kind == MilestoneKind.TRADE_MISSION && title != null) {
            return kind.noun() + " '" + title + "'";
        }
        if (kind == MilestoneKind.TALKS && title != null && !title.isBlank()) {
            return title.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + kind.noun();
        }
        return kind.noun();
    }
}
