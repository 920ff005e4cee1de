package io.tracker.investment.domain;

import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;

/**
 * What a user asks of an investment. Only {@link AnnounceInvestment} creates the stream and names its id;
 * the others address an existing stream. Values are validated by the decider (not here), so that a bad
 * value becomes a domain error with a field name.
 */
public sealed interface InvestmentCommand {

    Kind kind();

    enum Kind {
        ANNOUNCE,
        COMMIT,
        REVISE,
        RECORD_MILESTONE,
        WITHDRAW,
        CORRECT_FACT,
        RETRACT_FACT
    }

    record AnnounceInvestment(
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
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.ANNOUNCE;
        }
    }

    record CommitInvestment(
            Money amount, Integer expectedJobs, BusinessDate businessDate, FactStatus status, List<Source> sources)
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.COMMIT;
        }
    }

    /** Undisclosed amount / null jobs: the revision does not state that figure; it must change the other. */
    record ReviseInvestment(
            Money amount, Integer expectedJobs, BusinessDate businessDate, FactStatus status, List<Source> sources)
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.REVISE;
        }
    }

    record RecordMilestone(Milestone milestone, BusinessDate businessDate, FactStatus status, List<Source> sources)
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.RECORD_MILESTONE;
        }
    }

    record WithdrawInvestment(String reason, BusinessDate businessDate, FactStatus status, List<Source> sources)
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.WITHDRAW;
        }
    }

    record CorrectFact(int correctsVersion, FactCorrection correction, String reason, List<Source> sources)
            implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.CORRECT_FACT;
        }
    }

    record RetractFact(int retractsVersion, String reason, List<Source> sources) implements InvestmentCommand {
        @Override
        public Kind kind() {
            return Kind.RETRACT_FACT;
        }
    }
}
