package io.tracker.projection.domain;

/**
 * A milestone as of the question: REACHED, or pending as ANNOUNCED or PLANNED. {@code summary} reads like
 * "forum: announced, not established"; {@code title} names the instance (the forum's name, the mission's
 * title) when the facts give one; {@code date} and {@code streamVersion} are those of the fact that decides
 * the state.
 */
public record Milestone(MilestoneKind milestone, State state, String summary, String title, BusinessDate date,
        long streamVersion) {

    public enum State { REACHED, ANNOUNCED, PLANNED }

    static Milestone of(MilestoneKind kind, State state, String title, BusinessDate date, long version) {
        String noun = kind == MilestoneKind.TRADE_MISSION && title != null ? kind.noun() + " '" + title + "'" : kind.noun();
        String summary = state == State.REACHED ? noun + ": " + kind.verb()
                : noun + ": " + state.name().toLowerCase() + ", not " + kind.verb();
        return new Milestone(kind, state, summary, title, date, version);
    }
}
