package io.tracker.negotiation.domain;

import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Source;

/**
 * What happened in a negotiation, as recorded. History is never rewritten: a mistake is fixed by a
 * {@link FactCorrected} or {@link FactRetracted} that points at the earlier event by its stream version.
 * {@link #kind()} lets Java 17 code switch exhaustively over the events (pattern switches are not final
 * before Java 21); each record returns its own constant.
 */
public sealed interface NegotiationEvent {

    String negotiationId();

    Kind kind();

    enum Kind {
        NEGOTIATION_OPENED,
        LEADERS_MET,
        TALKS_HELD,
        MOU_SIGNED,
        COMMITTEE_FORMED,
        FORUM_ESTABLISHED,
        TRADE_MISSION_ANNOUNCED,
        TRADE_MISSION_COMPLETED,
        AGREEMENT_CONCLUDED,
        NEGOTIATION_STALLED,
        NEGOTIATION_RESUMED,
        NEGOTIATION_TERMINATED,
        FACT_CORRECTED,
        FACT_RETRACTED,
        INDICATOR_RECORDED,
        INDICATOR_CORRECTED,
        INDICATOR_RETRACTED,
        CLAIM_RECORDED,
        CLAIM_RETRACTED
    }

    /** An event that records a fact of the world: it may later be corrected or retracted. */
    sealed interface FactEvent extends NegotiationEvent {
        Fact fact();
    }

    /** Tracking starts: the negotiation's title, its parties (ISO 3166-1 alpha-2) and what it is about. */
    record NegotiationOpened(String negotiationId, Fact fact, String title, List<String> parties, String description)
            implements FactEvent {
        public NegotiationOpened {
            parties = Lists.copy(parties);
        }

        @Override
        public Kind kind() {
            return Kind.NEGOTIATION_OPENED;
        }
    }

    /** Heads of state or government met (the participants). */
    record LeadersMet(String negotiationId, Fact fact, String summary) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.LEADERS_MET;
        }
    }

    /** Ministers, envoys, delegations or officials held talks. */
    record TalksHeld(String negotiationId, Fact fact, TalksLevel level, String summary) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.TALKS_HELD;
        }
    }

    /** A memorandum of understanding was signed, by at least one signatory for each party. */
    record MouSigned(String negotiationId, Fact fact, String title, List<Participant> signatories)
            implements FactEvent {
        public MouSigned {
            signatories = Lists.copy(signatories);
        }

        @Override
        public Kind kind() {
            return Kind.MOU_SIGNED;
        }
    }

    /** A joint committee was formed under an MOU or agreement. */
    record CommitteeFormed(String negotiationId, Fact fact, String name, String mandate) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.COMMITTEE_FORMED;
        }
    }

    /** A forum (for industry, officials, …) was set up. */
    record ForumEstablished(String negotiationId, Fact fact, String name, String purpose) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.FORUM_ESTABLISHED;
        }
    }

    /** A trade mission was announced; {@code missionId} (a slug) names it for its completion. */
    record TradeMissionAnnounced(String negotiationId, Fact fact, String missionId, String title) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.TRADE_MISSION_ANNOUNCED;
        }
    }

    /** An announced trade mission took place. */
    record TradeMissionCompleted(String negotiationId, Fact fact, String missionId, String outcome)
            implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.TRADE_MISSION_COMPLETED;
        }
    }

    /** A binding agreement was concluded. */
    record AgreementConcluded(String negotiationId, Fact fact, String title, String summary) implements FactEvent {
        @Override
        public Kind kind() {
            return Kind.AGREEMENT_CONCLUDED;
        }
    }

    /** The negotiation stalled; {@code date} is when, by the sources. */
    record NegotiationStalled(String negotiationId, BusinessDate date, String reason, List<Source> sources)
            implements NegotiationEvent {
        public NegotiationStalled {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.NEGOTIATION_STALLED;
        }
    }

    /** A stalled negotiation resumed: it is back at the stage it had reached. */
    record NegotiationResumed(String negotiationId, BusinessDate date, String reason, List<Source> sources)
            implements NegotiationEvent {
        public NegotiationResumed {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.NEGOTIATION_RESUMED;
        }
    }

    /** The negotiation ended without (further) agreement; only corrections and retractions may follow. */
    record NegotiationTerminated(String negotiationId, BusinessDate date, String reason, List<Source> sources)
            implements NegotiationEvent {
        public NegotiationTerminated {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.NEGOTIATION_TERMINATED;
        }
    }

    /**
     * The fact recorded at stream version {@code targetVersion} is replaced by {@code corrected} (its date,
     * status, participants, place, focus areas and sources; the sources are those of the correction).
     */
    record FactCorrected(String negotiationId, long targetVersion, Fact corrected, String reason)
            implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.FACT_CORRECTED;
        }
    }

    /** The fact recorded at stream version {@code targetVersion} no longer stands. Sources may be empty. */
    record FactRetracted(String negotiationId, long targetVersion, String reason, List<Source> sources)
            implements NegotiationEvent {
        public FactRetracted {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.FACT_RETRACTED;
        }
    }

    /**
     * A figure a source states (not a {@link FactEvent}: it moves no stage). Corrected by
     * {@link IndicatorCorrected} and retracted by {@link IndicatorRetracted}, which point at it by stream version.
     */
    record IndicatorRecorded(String negotiationId, Indicator indicator) implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.INDICATOR_RECORDED;
        }
    }

    /** The indicator recorded at stream version {@code targetVersion} is replaced by {@code corrected}. */
    record IndicatorCorrected(String negotiationId, long targetVersion, Indicator corrected, String reason)
            implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.INDICATOR_CORRECTED;
        }
    }

    /** The indicator recorded at stream version {@code targetVersion} no longer stands. */
    record IndicatorRetracted(String negotiationId, long targetVersion, String reason) implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.INDICATOR_RETRACTED;
        }
    }

    /** A statement attributed to its source; a claim, never a fact nor a fact's support. */
    record ClaimRecorded(String negotiationId, Claim claim) implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.CLAIM_RECORDED;
        }
    }

    /** The claim recorded at stream version {@code targetVersion} no longer stands (recorded in error). */
    record ClaimRetracted(String negotiationId, long targetVersion, String reason) implements NegotiationEvent {
        @Override
        public Kind kind() {
            return Kind.CLAIM_RETRACTED;
        }
    }
}
