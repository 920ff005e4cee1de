package io.tracker.projection.domain;

/**
 * The steps an analyst follows in a negotiation, each with a noun and the verb of its completion:
 * "forum: established". A step is pending while the only facts about it are announced or planned. Talks (between
 * delegations, ministers …) are one milestone per meeting, named by their level: "delegation talks: held".
 */
public enum MilestoneKind {
    LEADERS_MEETING("leaders' meeting", "held"),
    TALKS("talks", "held"),
    MOU("MOU", "signed"),
    COMMITTEE("committee", "formed"),
    FORUM("forum", "established"),
    TRADE_MISSION("trade mission", "completed"),
    AGREEMENT("binding agreement", "concluded");

    private final String noun;
    private final String verb;

    MilestoneKind(String noun, String verb) {
        this.noun = noun;
        this.verb = verb;
    }

    public String noun() {
        return noun;
    }

    public String verb() {
        return verb;
    }

    /** The milestone a fact of this type is about, or null (opening, status changes, amendments). */
    public static MilestoneKind about(EventType type) {
        switch (type) {
            case LEADERS_MET:
                return LEADERS_MEETING;
            case TALKS_HELD:
                return TALKS;
            case MOU_SIGNED:
                return MOU;
            case COMMITTEE_FORMED:
                return COMMITTEE;
            case FORUM_ESTABLISHED:
                return FORUM;
            case TRADE_MISSION_ANNOUNCED:
            case TRADE_MISSION_COMPLETED:
                return TRADE_MISSION;
            case AGREEMENT_CONCLUDED:
                return AGREEMENT;
            default:
                return null;
        }
    }

    /** Whether an OCCURRED fact of this type completes the milestone (a mission's announcement does not). */
    public boolean completedBy(EventType type) {
        return about(type) == this && type != EventType.TRADE_MISSION_ANNOUNCED;
    }
}
