package io.tracker.investment.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.application.Loaded;
import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.store.StoredEvent;
import io.tracker.investment.domain.Company;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.domain.Milestone;
import io.tracker.investment.domain.Money;
import io.tracker.investment.domain.Sector;
import io.tracker.investment.domain.Site;

/** The current state of one investment, as the command side knows it (corrections and retractions applied). */
@Schema(description = "An investment's current state on the command side")
public record InvestmentView(
        String id,
        long version,
        String project,
        Company investor,
        List<Company> partners,
        Sector sector,
        Site site,

        @Schema(description = "the latest amount a standing fact discloses, or undisclosed")
        MoneyView amount,

        @Schema(description = "the latest number of jobs a standing fact gives, or null")
        Integer expectedJobs,

        List<String> negotiationIds,
        boolean committed,
        boolean withdrawn,
        List<Milestone> milestones,

        @Schema(description = "the facts still standing, in version order, as corrected")
        List<FactView> facts,

        List<Integer> retractedVersions) {

    @Schema(description = "{\"amount\": \"5000000000.00\", \"currency\": \"CAD\"} or {\"undisclosed\": true}")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MoneyView(
            @Schema(example = "5000000000.00") String amount,
            @Schema(example = "CAD") String currency,
            Boolean undisclosed) {

        static MoneyView of(Money money) {
            if (money instanceof Money.Disclosed d) {
                return new MoneyView(d.amount().toPlainString(), d.currency(), null);
            }
            return money == null ? null : new MoneyView(null, null, Boolean.TRUE);
        }
    }

    @Schema(description = "A recorded fact as it stands after corrections")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FactView(
            long version,
            @Schema(example = "InvestmentCommitted") String type,
            @Schema(example = "2023-07-05") String businessDate,
            BusinessDate.Precision precision,
            FactStatus status,
            MoneyView amount,
            Integer expectedJobs,
            Milestone milestone,
            String reason,
            List<Source> sources) {}

    static InvestmentView of(Loaded<InvestmentState> loaded) {
        InvestmentState s = loaded.state();
        Map<Long, String> types =
                loaded.events().stream().collect(Collectors.toMap(StoredEvent::version, StoredEvent::type));
        InvestmentAnnounced a = s.announcement();
        List<FactView> facts = s.facts().entrySet().stream()
                .map(e -> fact(e.getKey(), types.get((long) e.getKey()), e.getValue()))
                .toList();
        return new InvestmentView(
                s.investmentId(),
                loaded.version(),
                a == null ? null : a.project(),
                a == null ? null : a.investor(),
                a == null ? List.of() : a.partners(),
                a == null ? null : a.sector(),
                a == null ? null : a.site(),
                MoneyView.of(s.amount()),
                s.expectedJobs(),
                a == null ? List.of() : a.negotiationIds(),
                s.committed(),
                s.withdrawn(),
                s.milestones().stream().sorted().toList(),
                facts,
                s.retracted().stream().sorted().toList());
    }

    private static FactView fact(int version, String type, InvestmentEvent event) {
        if (!(event instanceof InvestmentEvent.Fact f)) {
            return new FactView(version, type, null, null, null, null, null, null, null, List.of());
        }
        MoneyView amount = event instanceof InvestmentEvent.Figures fig ? MoneyView.of(fig.amount()) : null;
        Integer jobs = event instanceof InvestmentEvent.Figures fig ? fig.expectedJobs() : null;
        Milestone milestone = event instanceof InvestmentEvent.InvestmentMilestoneReached m ? m.milestone() : null;
        String reason = event instanceof InvestmentEvent.InvestmentWithdrawn w ? w.reason() : null;
        return new FactView(
                version,
                type,
                f.businessDate().text(),
                f.businessDate().precision(),
                f.status(),
                amount,
                jobs,
                milestone,
                reason,
                f.sources());
    }
}
