package io.tracker.investment.domain;

import static io.tracker.core.domain.FactStatus.ANNOUNCED;
import static io.tracker.core.domain.FactStatus.OCCURRED;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Source;
import io.tracker.investment.domain.InvestmentCommand.AnnounceInvestment;
import io.tracker.investment.domain.InvestmentCommand.CommitInvestment;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentCommand.ReviseInvestment;
import io.tracker.investment.domain.InvestmentCommand.WithdrawInvestment;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;

/**
 * Real facts of the case: LG Energy Solution's battery plant (NextStar Energy, the joint venture with
 * Stellantis in Windsor, Ontario) and EcoPro BM's cathode plant in Bécancour, Quebec.
 */
final class Samples {
    static final String LGES = "lges-canada-battery";
    static final String NEGOTIATION = "ca-kr-industrial-cooperation";

    static final Source ISED_2026_01_29 = new Source(
            "Canada and Republic of Korea strengthen ties in key industrial " + "sectors",
            "Innovation, Science and Economic Development Canada",
            LocalDate.of(2026, 1, 29),
            null,
            Source.Kind.OFFICIAL);
    static final Source CP_2022_06_02 = new Source(
            "Stellantis-LG say joint venture in Windsor to be called NextStar " + "Energy, appoint CEO",
            "The Canadian Press",
            LocalDate.of(2022, 6, 2),
            null,
            Source.Kind.NEWS);
    static final Source LGES_2023_07_05 = new Source(
            "Deal is Reached: Construction on Stellantis and LG Energy " + "Solution Canadian Gigafactory Resumes",
            "LG Energy Solution",
            LocalDate.of(2023, 7, 5),
            "https://news.lgensol.com/company-news/press-releases/1981/",
            Source.Kind.OFFICIAL);

    static final Company LG_ENERGY_SOLUTION = new Company("LG Energy Solution", "KR");
    static final Company STELLANTIS = new Company("Stellantis N.V.", "NL");
    static final Site WINDSOR = new Site("Windsor", "CA-ON", "CA");
    static final Money FIVE_BILLION = Money.of("5000000000.00", "CAD");

    private Samples() {}

    static BusinessDate date(String text) {
        return BusinessDate.parse(text);
    }

    /** What the 2026-01-29 release says: LG Energy Solution invests in Canada's battery ecosystem, no amount. */
    static AnnounceInvestment announce() {
        return new AnnounceInvestment(
                LGES,
                "NextStar Energy EV battery cell and module plant",
                LG_ENERGY_SOLUTION,
                List.of(),
                Sector.BATTERY_CELLS,
                WINDSOR,
                Money.UNDISCLOSED,
                null,
                List.of(NEGOTIATION),
                date("2026-01-29"),
                ANNOUNCED,
                List.of(ISED_2026_01_29));
    }

    static InvestmentAnnounced announced() {
        AnnounceInvestment c = announce();
        return new InvestmentAnnounced(
                c.investmentId(),
                c.project(),
                c.investor(),
                c.partners(),
                c.sector(),
                c.site(),
                c.amount(),
                c.expectedJobs(),
                c.negotiationIds(),
                c.businessDate(),
                c.status(),
                c.sources());
    }

    /** Over CAD 5 billion and about 2,500 jobs (The Canadian Press, 2022-06-02). */
    static ReviseInvestment revise() {
        return new ReviseInvestment(FIVE_BILLION, 2500, date("2022-06-02"), ANNOUNCED, List.of(CP_2022_06_02));
    }

    static InvestmentRevised revised() {
        return new InvestmentRevised(LGES, FIVE_BILLION, 2500, date("2022-06-02"), ANNOUNCED, List.of(CP_2022_06_02));
    }

    /** The binding agreement of 2023-07-05 (no amount stated). */
    static CommitInvestment commit() {
        return new CommitInvestment(Money.UNDISCLOSED, 2500, date("2023-07-05"), OCCURRED, List.of(LGES_2023_07_05));
    }

    static InvestmentCommitted committed() {
        return new InvestmentCommitted(
                LGES, Money.UNDISCLOSED, 2500, date("2023-07-05"), OCCURRED, List.of(LGES_2023_07_05));
    }

    static RecordMilestone supportSecured() {
        return new RecordMilestone(
                Milestone.GOVERNMENT_SUPPORT_SECURED, date("2023-07-05"), OCCURRED, List.of(LGES_2023_07_05));
    }

    static InvestmentMilestoneReached milestone(Milestone milestone) {
        return new InvestmentMilestoneReached(LGES, milestone, date("2023-07-05"), OCCURRED, List.of(LGES_2023_07_05));
    }

    static WithdrawInvestment withdraw() {
        return new WithdrawInvestment(
                "withdrawal used in tests only", date("2026-Q2"), ANNOUNCED, List.of(ISED_2026_01_29));
    }

    static InvestmentWithdrawn withdrawn() {
        return new InvestmentWithdrawn(
                LGES, "withdrawal used in tests only", date("2026-Q2"), ANNOUNCED, List.of(ISED_2026_01_29));
    }

    /** The announcement with one value replaced, for the invariant tests. */
    static AnnounceInvestment announceWith(
            Company investor, List<Company> partners, Site site, Money amount, Integer jobs) {
        AnnounceInvestment c = announce();
        return new AnnounceInvestment(
                c.investmentId(),
                c.project(),
                investor,
                partners,
                c.sector(),
                site,
                amount,
                jobs,
                c.negotiationIds(),
                c.businessDate(),
                c.status(),
                c.sources());
    }
}
