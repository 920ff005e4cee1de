package io.tracker.negotiation.domain;

/**
 * Where a negotiation stands. The first six stages are progress, reached by facts that OCCURRED and are
 * in force (not retracted): the stage is the furthest one reached. {@link #STALLED} and {@link #TERMINATED}
 * overlay the progress; resuming shows the progress again.
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
     * The progress stage an OCCURRED fact of this kind reaches, or null when it moves nothing. Implementation
     * (a forum established, a trade mission completed) counts only under an MOU or agreement.
     */
    static Stage reachedBy(NegotiationEvent.Kind kind, boolean underMouOrAgreement) {
        return switch (kind) {
            case NEGOTIATION_OPENED -> OPENED;
            case LEADERS_MET -> LEADERS_ENGAGED;
            case MOU_SIGNED -> MOU_SIGNED;
            case COMMITTEE_FORMED -> COMMITTEE_FORMED;
            case FORUM_ESTABLISHED, TRADE_MISSION_COMPLETED -> underMouOrAgreement ? IMPLEMENTATION : null;
            case AGREEMENT_CONCLUDED -> CONCLUDED;
            case TALKS_HELD,
                    TRADE_MISSION_ANNOUNCED,
                    NEGOTIATION_STALLED,
                    NEGOTIATION_RESUMED,
                    NEGOTIATION_TERMINATED,
                    FACT_CORRECTED,
                    FACT_RETRACTED,
                    INDICATOR_RECORDED,
                    INDICATOR_CORRECTED,
                    INDICATOR_RETRACTED,
                    CLAIM_RECORDED,
                    CLAIM_RETRACTED -> null;
        };
    }
}
