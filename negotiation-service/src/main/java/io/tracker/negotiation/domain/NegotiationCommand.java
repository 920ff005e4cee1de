package io.tracker.negotiation.domain;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Source;

/**
 * What a user asks of a negotiation. Commands that record a dated fact carry {@code recordedOn}, the day
 * the command is handled (from the caller's clock), so that the decider stays deterministic.
 * {@link #kind()} allows an exhaustive Java 17 switch; each record returns its own constant.
 */
public sealed interface NegotiationCommand {

    String negotiationId();

    Kind kind();

    enum Kind {
        OPEN_NEGOTIATION,
        RECORD_LEADERS_MEETING,
        RECORD_TALKS,
        SIGN_MOU,
        FORM_COMMITTEE,
        ESTABLISH_FORUM,
        ANNOUNCE_TRADE_MISSION,
        COMPLETE_TRADE_MISSION,
        CONCLUDE_AGREEMENT,
        STALL_NEGOTIATION,
        RESUME_NEGOTIATION,
        TERMINATE_NEGOTIATION,
        CORRECT_FACT,
        RETRACT_FACT,
        RECORD_INDICATOR,
        CORRECT_INDICATOR,
        RETRACT_INDICATOR,
        RECORD_CLAIM,
        RETRACT_CLAIM
    }

    record OpenNegotiation(
            String negotiationId,
            Fact fact,
            String title,
            List<String> parties,
            String description,
            LocalDate recordedOn)
            implements NegotiationCommand {
        public OpenNegotiation {
            parties = Lists.copy(parties);
        }

        @Override
        public Kind kind() {
            return Kind.OPEN_NEGOTIATION;
        }
    }

    record RecordLeadersMeeting(String negotiationId, Fact fact, String summary, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RECORD_LEADERS_MEETING;
        }
    }

    record RecordTalks(String negotiationId, Fact fact, TalksLevel level, String summary, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RECORD_TALKS;
        }
    }

    record SignMou(String negotiationId, Fact fact, String title, List<Participant> signatories, LocalDate recordedOn)
            implements NegotiationCommand {
        public SignMou {
            signatories = Lists.copy(signatories);
        }

        @Override
        public Kind kind() {
            return Kind.SIGN_MOU;
        }
    }

    record FormCommittee(String negotiationId, Fact fact, String name, String mandate, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.FORM_COMMITTEE;
        }
    }

    record EstablishForum(String negotiationId, Fact fact, String name, String purpose, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.ESTABLISH_FORUM;
        }
    }

    record AnnounceTradeMission(String negotiationId, Fact fact, String missionId, String title, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.ANNOUNCE_TRADE_MISSION;
        }
    }

    record CompleteTradeMission(String negotiationId, Fact fact, String missionId, String outcome, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.COMPLETE_TRADE_MISSION;
        }
    }

    record ConcludeAgreement(String negotiationId, Fact fact, String title, String summary, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.CONCLUDE_AGREEMENT;
        }
    }

    record StallNegotiation(
            String negotiationId, BusinessDate date, String reason, List<Source> sources, LocalDate recordedOn)
            implements NegotiationCommand {
        public StallNegotiation {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.STALL_NEGOTIATION;
        }
    }

    record ResumeNegotiation(
            String negotiationId, BusinessDate date, String reason, List<Source> sources, LocalDate recordedOn)
            implements NegotiationCommand {
        public ResumeNegotiation {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.RESUME_NEGOTIATION;
        }
    }

    record TerminateNegotiation(
            String negotiationId, BusinessDate date, String reason, List<Source> sources, LocalDate recordedOn)
            implements NegotiationCommand {
        public TerminateNegotiation {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.TERMINATE_NEGOTIATION;
        }
    }

    /** Replaces the fact details of the event at {@code targetVersion}; the corrected fact cites its sources. */
    record CorrectFact(String negotiationId, long targetVersion, Fact corrected, String reason, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.CORRECT_FACT;
        }
    }

    record RetractFact(String negotiationId, long targetVersion, String reason, List<Source> sources)
            implements NegotiationCommand {
        public RetractFact {
            sources = Lists.copy(sources);
        }

        @Override
        public Kind kind() {
            return Kind.RETRACT_FACT;
        }
    }

    /** Records a figure a source states. */
    record RecordIndicator(String negotiationId, Indicator indicator, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RECORD_INDICATOR;
        }
    }

    /** Replaces the indicator recorded at {@code targetVersion} (value, unit, period, scope, sources: all of it). */
    record CorrectIndicator(
            String negotiationId, long targetVersion, Indicator corrected, String reason, LocalDate recordedOn)
            implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.CORRECT_INDICATOR;
        }
    }

    record RetractIndicator(String negotiationId, long targetVersion, String reason) implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RETRACT_INDICATOR;
        }
    }

    /** Records a statement attributed to its source, apart from the facts. */
    record RecordClaim(String negotiationId, Claim claim, LocalDate recordedOn) implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RECORD_CLAIM;
        }
    }

    record RetractClaim(String negotiationId, long targetVersion, String reason) implements NegotiationCommand {
        @Override
        public Kind kind() {
            return Kind.RETRACT_CLAIM;
        }
    }
}
