package io.tracker.investment.api;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.api.Fields;
import io.tracker.core.api.SourceRequest;
import io.tracker.core.domain.Source;
import io.tracker.investment.api.request.CompanyRequest;
import io.tracker.investment.api.request.Requests;
import io.tracker.investment.domain.InvestmentCommand;

/** Request bodies to domain commands; {@code today} (the service's clock) bounds the plausible business dates. */
final class CommandMapper {
    private CommandMapper() {}

    static InvestmentCommand announce(Requests.AnnounceInvestment r, LocalDate today) {
        return new InvestmentCommand.AnnounceInvestment(
                r.investmentId(),
                r.project(),
                r.investor().toDomain(),
                r.partners() == null
                        ? List.of()
                        : r.partners().stream().map(CompanyRequest::toDomain).toList(),
                r.sector(),
                r.site().toDomain(),
                r.amount().toDomain(),
                r.expectedJobs(),
                r.negotiationIds(),
                Fields.date("businessDate", r.businessDate(), r.status(), today),
                r.status(),
                sources(r.sources()));
    }

    static InvestmentCommand commit(Requests.Commitment r, LocalDate today) {
        return new InvestmentCommand.CommitInvestment(
                r.amount().toDomain(),
                r.expectedJobs(),
                Fields.date("businessDate", r.businessDate(), r.status(), today),
                r.status(),
                sources(r.sources()));
    }

    static InvestmentCommand revise(Requests.Revision r, LocalDate today) {
        return new InvestmentCommand.ReviseInvestment(
                r.amount().toDomain(),
                r.expectedJobs(),
                Fields.date("businessDate", r.businessDate(), r.status(), today),
                r.status(),
                sources(r.sources()));
    }

    static InvestmentCommand milestone(Requests.MilestoneReached r, LocalDate today) {
        return new InvestmentCommand.RecordMilestone(
                r.milestone(),
                Fields.date("businessDate", r.businessDate(), r.status(), today),
                r.status(),
                sources(r.sources()));
    }

    static InvestmentCommand withdraw(Requests.Withdrawal r, LocalDate today) {
        return new InvestmentCommand.WithdrawInvestment(
                r.reason(),
                Fields.date("businessDate", r.businessDate(), r.status(), today),
                r.status(),
                sources(r.sources()));
    }

    static InvestmentCommand correct(Requests.Correction r, LocalDate today) {
        return new InvestmentCommand.CorrectFact(
                r.correctsVersion(), r.correction().toDomain("correction", today), r.reason(), sources(r.sources()));
    }

    static InvestmentCommand retract(Requests.Retraction r) {
        return new InvestmentCommand.RetractFact(r.retractsVersion(), r.reason(), sources(r.sources()));
    }

    private static List<Source> sources(List<SourceRequest> sources) {
        return sources.stream().map(SourceRequest::toDomain).toList();
    }
}
