package io.tracker.projection.domain;

import java.util.Optional;

/**
 * Every event type the projection understands, by its stable published name, with the schema versions it
 * can read. A type that is not here is a poison record (dead-letter topic), never silently skipped.
 */
public enum EventType {
    NEGOTIATION_OPENED("NegotiationOpened", StreamKind.NEGOTIATION, Category.FACT, "negotiation opened"),
    LEADERS_MET("LeadersMet", StreamKind.NEGOTIATION, Category.FACT, "leaders met"),
    TALKS_HELD("TalksHeld", StreamKind.NEGOTIATION, Category.FACT, "talks held"),
    MOU_SIGNED("MouSigned", StreamKind.NEGOTIATION, Category.FACT, "MOU signed"),
    COMMITTEE_FORMED("CommitteeFormed", StreamKind.NEGOTIATION, Category.FACT, "committee formed"),
    FORUM_ESTABLISHED("ForumEstablished", StreamKind.NEGOTIATION, Category.FACT, "forum established"),
    TRADE_MISSION_ANNOUNCED("TradeMissionAnnounced", StreamKind.NEGOTIATION, Category.FACT, "trade mission announced"),
    TRADE_MISSION_COMPLETED("TradeMissionCompleted", StreamKind.NEGOTIATION, Category.FACT, "trade mission completed"),
    AGREEMENT_CONCLUDED("AgreementConcluded", StreamKind.NEGOTIATION, Category.FACT, "agreement concluded"),
    NEGOTIATION_STALLED("NegotiationStalled", StreamKind.NEGOTIATION, Category.STATUS_CHANGE, "negotiation stalled"),
    NEGOTIATION_RESUMED("NegotiationResumed", StreamKind.NEGOTIATION, Category.STATUS_CHANGE, "negotiation resumed"),
    NEGOTIATION_TERMINATED(
            "NegotiationTerminated", StreamKind.NEGOTIATION, Category.STATUS_CHANGE, "negotiation terminated"),
    FACT_CORRECTED("FactCorrected", StreamKind.NEGOTIATION, Category.CORRECTION, "fact corrected"),
    FACT_RETRACTED("FactRetracted", StreamKind.NEGOTIATION, Category.RETRACTION, "fact retracted"),
    INDICATOR_RECORDED("IndicatorRecorded", StreamKind.NEGOTIATION, Category.FIGURE, "indicator recorded"),
    INDICATOR_CORRECTED("IndicatorCorrected", StreamKind.NEGOTIATION, Category.FIGURE, "indicator corrected"),
    INDICATOR_RETRACTED("IndicatorRetracted", StreamKind.NEGOTIATION, Category.FIGURE, "indicator retracted"),
    CLAIM_RECORDED("ClaimRecorded", StreamKind.NEGOTIATION, Category.FIGURE, "claim recorded"),
    CLAIM_RETRACTED("ClaimRetracted", StreamKind.NEGOTIATION, Category.FIGURE, "claim retracted"),

    INVESTMENT_ANNOUNCED("InvestmentAnnounced", StreamKind.INVESTMENT, Category.FACT, "investment announced"),
    INVESTMENT_COMMITTED("InvestmentCommitted", StreamKind.INVESTMENT, Category.FACT, "investment committed"),
    INVESTMENT_REVISED("InvestmentRevised", StreamKind.INVESTMENT, Category.FACT, "investment revised"),
    INVESTMENT_MILESTONE_REACHED(
            "InvestmentMilestoneReached", StreamKind.INVESTMENT, Category.FACT, "investment milestone reached"),
    INVESTMENT_WITHDRAWN("InvestmentWithdrawn", StreamKind.INVESTMENT, Category.FACT, "investment withdrawn"),
    INVESTMENT_FACT_CORRECTED("InvestmentFactCorrected", StreamKind.INVESTMENT, Category.CORRECTION, "fact corrected"),
    INVESTMENT_FACT_RETRACTED("InvestmentFactRetracted", StreamKind.INVESTMENT, Category.RETRACTION, "fact retracted");

    /** What an event does to the read models. */
    public enum Category {
        /** records something that happened in the world (or was announced or planned) */
        FACT,
        /** the negotiation stalled, resumed or ended */
        STATUS_CHANGE,
        /** replaces details of an earlier event, named by its stream version */
        CORRECTION,
        /** an earlier event, named by its stream version, no longer stands */
        RETRACTION,
        /**
         * an indicator or a claim, or its correction or retraction: not a fact (no stage, no milestone, no
         * timeline entry, never a fact's support); read by {@link Figures} only
         */
        FIGURE
    }

    /** The schema version of {@code data} most types are at (the first one, read by every subscriber). */
    public static final int SCHEMA_VERSION = 1;

    private final String typeName;
    private final StreamKind stream;
    private final Category category;
    private final String label;

    EventType(String typeName, StreamKind stream, Category category, String label) {
        this.typeName = typeName;
        this.stream = stream;
        this.category = category;
        this.label = label;
    }

    public String typeName() {
        return typeName;
    }

    public StreamKind stream() {
        return stream;
    }

    public Category category() {
        return category;
    }

    /** A short human description ("MOU signed"). */
    public String label() {
        return label;
    }

    /**
     * The newest schema version of this type's data: FactCorrected is at 2 (since contract 1.1.0, which
     * renamed targetVersion to correctsVersion); every other type at 1.
     */
    public int currentSchemaVersion() {
        return this == FACT_CORRECTED ? 2 : SCHEMA_VERSION;
    }

    /** Every version from 1 to the current one is read (older ones through the upcaster). */
    public boolean readsSchemaVersion(int version) {
        return version >= 1 && version <= currentSchemaVersion();
    }

    public boolean isAmendment() {
        return category == Category.CORRECTION || category == Category.RETRACTION;
    }

    public static Optional<EventType> ofTypeName(String name) {
        // a map, not a stream over values(): called for every record read (a rebuild reads millions)
        return Optional.ofNullable(BY_TYPE_NAME.get(name));
    }

    private static final java.util.Map<String, EventType> BY_TYPE_NAME = byTypeName();

    private static java.util.Map<String, EventType> byTypeName() {
        java.util.Map<String, EventType> map = new java.util.HashMap<>();
        for (EventType t : values()) {
            map.put(t.typeName, t);
        }
        return java.util.Map.copyOf(map);
    }
}
