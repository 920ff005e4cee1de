package io.tracker.projection.domain;

/**
 * Where a negotiation stands (the negotiation service's rules, applied to the facts known as of the question).
 * The first six are progress, reached by facts that OCCURRED and are in force: the stage is the furthest one
 * reached. {@link #STALLED} and {@link #TERMINATED} overlay the progress; resuming shows the progress again.
 */
public enum Stage {
    OPENED,
    LEADERS_ENGAGED,
    MOU_SIGNED,
    COMMITTEE_FORMED,
    IMPLEMENTATION,
    CONCLUDED,
    STALLED,
    TERMINATED;

    /**
     * The progress an OCCURRED fact of this type reaches, or null. Implementation (a forum established, a trade
     * mission completed) counts only under an MOU or agreement that occurred.
     */
    static Stage reachedBy(EventType type, boolean underMouOrAgreement) {
        switch (type) {
            case NEGOTIATION_OPENED:
                return OPENED;
            case LEADERS_MET:
                return LEADERS_ENGAGED;
            case MOU_SIGNED:
                return MOU_SIGNED;
            case COMMITTEE_FORMED:
                return COMMITTEE_FORMED;
            case FORUM_ESTABLISHED:
            case TRADE_MISSION_COMPLETED:
                return underMouOrAgreement ? IMPLEMENTATION : null;
            case AGREEMENT_CONCLUDED:
                return CONCLUDED;
            default:
                return null;
        }
    }
}
