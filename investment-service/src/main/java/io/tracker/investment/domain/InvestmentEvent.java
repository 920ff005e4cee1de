package io.tracker.investment.domain;

import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;

/**
 * What happened to an investment. Facts about the world (announced, committed, revised, milestone,
 * withdrawn) carry their business date, status and sources; corrections and retractions point at an
 * earlier fact by its stream version.
 * <p>
 * Java 17 has no pattern matching over sealed types in {@code switch}, so code that dispatches on the event
 * switches exhaustively over {@link #kind()} (one constant per record, checked by a test).
 */
public sealed interface InvestmentEvent {

    String investmentId();

    Kind kind();

    enum Kind {
        ANNOUNCED,
        COMMITTED,
        REVISED,
        MILESTONE_REACHED,
        WITHDRAWN,
        FACT_CORRECTED,
        FACT_RETRACTED
    }

    /** An event that records something that happened in the world (not a correction or retraction). */
    interface Fact {
        BusinessDate businessDate();

        FactStatus status();

        List<Source> sources();
    }

    /** A fact that states an amount and a number of jobs (either may be unstated). */
    interface Figures extends Fact {
        Money amount();

        Integer expectedJobs();
    }

    record InvestmentAnnounced(
            String investmentId,
            String project,
            Company investor,
            List<Company> partners,
            Sector sector,
            Site site,
            Money amount,
            Integer expectedJobs,
            List<String> negotiationIds,
            BusinessDate businessDate,
            FactStatus status,
            List<Source> sources)
            implements InvestmentEvent, Figures {
        public InvestmentAnnounced {
            partners = List.copyOf(partners);
            negotiationIds = List.copyOf(negotiationIds);
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.ANNOUNCED;
        }
    }

    /** The investor (and partners) committed; amount and jobs are what the commitment states. */
    record InvestmentCommitted(
            String investmentId,
            Money amount,
            Integer expectedJobs,
            BusinessDate businessDate,
            FactStatus status,
            List<Source> sources)
            implements InvestmentEvent, Figures {
        public InvestmentCommitted {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.COMMITTED;
        }
    }

    /** New figures: an undisclosed amount or null jobs means this fact does not state that figure. */
    record InvestmentRevised(
            String investmentId,
            Money amount,
            Integer expectedJobs,
            BusinessDate businessDate,
            FactStatus status,
            List<Source> sources)
            implements InvestmentEvent, Figures {
        public InvestmentRevised {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.REVISED;
        }
    }

    record InvestmentMilestoneReached(
            String investmentId,
            Milestone milestone,
            BusinessDate businessDate,
            FactStatus status,
            List<Source> sources)
            implements InvestmentEvent, Fact {
        public InvestmentMilestoneReached {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.MILESTONE_REACHED;
        }
    }

    record InvestmentWithdrawn(
            String investmentId, String reason, BusinessDate businessDate, FactStatus status, List<Source> sources)
            implements InvestmentEvent, Fact {
        public InvestmentWithdrawn {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.WITHDRAWN;
        }
    }

    /** Replaces the non-null values of {@code correction} in the fact at {@code correctsVersion}. */
    record InvestmentFactCorrected(
            String investmentId, int correctsVersion, FactCorrection correction, String reason, List<Source> sources)
            implements InvestmentEvent {
        public InvestmentFactCorrected {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.FACT_CORRECTED;
        }
    }

    /** The fact at {@code retractsVersion} should never have been recorded. */
    record InvestmentFactRetracted(String investmentId, int retractsVersion, String reason, List<Source> sources)
            implements InvestmentEvent {
        public InvestmentFactRetracted {
            sources = List.copyOf(sources);
        }

        @Override
        public Kind kind() {
            return Kind.FACT_RETRACTED;
        }
    }
}
