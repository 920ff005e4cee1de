package io.tracker.investment.domain;

import static io.tracker.investment.domain.Samples.LG_ENERGY_SOLUTION;
import static io.tracker.investment.domain.Samples.STELLANTIS;
import static io.tracker.investment.domain.Samples.WINDSOR;
import static io.tracker.investment.domain.Samples.announce;
import static io.tracker.investment.domain.Samples.announceWith;
import static io.tracker.investment.domain.Samples.announced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.Source;
import io.tracker.core.testing.DeciderSpec;
import io.tracker.investment.domain.InvestmentCommand.AnnounceInvestment;

class AnnounceInvestmentTest {
    private final DeciderSpec<InvestmentCommand, InvestmentEvent, InvestmentState> spec =
            new DeciderSpec<>(new InvestmentDecider()).versionedBy(InvestmentState::version);

    private static AnnounceInvestment with(
            String id, String project, Sector sector, List<String> negotiationIds, List<Source> sources) {
        AnnounceInvestment c = announce();
        return new AnnounceInvestment(
                id,
                project,
                c.investor(),
                c.partners(),
                sector,
                c.site(),
                c.amount(),
                c.expectedJobs(),
                negotiationIds,
                c.businessDate(),
                c.status(),
                sources);
    }

    private static AnnounceInvestment withId(String id) {
        AnnounceInvestment c = announce();
        return with(id, c.project(), c.sector(), c.negotiationIds(), c.sources());
    }

    @Test
    void announcesAnInvestmentWithAnUndisclosedAmount() {
        InvestmentState state = spec.given().when(announce()).then(announced());
        assertEquals(Samples.LGES, state.investmentId());
        assertEquals(Money.UNDISCLOSED, state.amount());
        assertEquals(null, state.expectedJobs());
        assertFalse(state.committed());
    }

    @Test
    void announcesADisclosedAmountAndJobs() {
        AnnounceInvestment c =
                announceWith(LG_ENERGY_SOLUTION, List.of(STELLANTIS), WINDSOR, Samples.FIVE_BILLION, 2500);
        InvestmentState state = spec.given()
                .when(c)
                .then(new InvestmentEvent.InvestmentAnnounced(
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
                        c.sources()));
        assertTrue(state.amount().sameAmountAs(Money.of("5000000000", "CAD")));
        assertEquals(2500, state.expectedJobs());
    }

    @Test
    void onlyTheAnnouncementCreatesTheStream() {
        InvestmentDecider decider = new InvestmentDecider();
        assertTrue(decider.createsStream(announce()));
        assertFalse(decider.createsStream(Samples.commit()));
        assertFalse(decider.createsStream(Samples.revise()));
        assertFalse(decider.createsStream(Samples.supportSecured()));
        assertFalse(decider.createsStream(Samples.withdraw()));
        assertFalse(decider.createsStream(new InvestmentCommand.RetractFact(2, "r", List.of(Samples.ISED_2026_01_29))));
    }

    @Test
    void rejectsAnInvestmentIdThatIsNotASlug() {
        spec.given().when(withId("LGES Canada")).thenRejected("invalid-investment-id", "investmentId");
        spec.given().when(withId("lg")).thenRejected("invalid-investment-id", "investmentId");
        spec.given().when(withId(null)).thenRejected("value-required", "investmentId");
    }

    @Test
    void rejectsAMissingProjectOrSector() {
        AnnounceInvestment c = announce();
        spec.given()
                .when(with(c.investmentId(), " ", c.sector(), c.negotiationIds(), c.sources()))
                .thenRejected("value-required", "project");
        spec.given()
                .when(with(c.investmentId(), c.project(), null, c.negotiationIds(), c.sources()))
                .thenRejected("value-required", "sector");
    }

    @Test
    void rejectsABadInvestor() {
        spec.given()
                .when(announceWith(null, List.of(), WINDSOR, Money.UNDISCLOSED, null))
                .thenRejected("value-required", "investor");
        spec.given()
                .when(announceWith(new Company("", "KR"), List.of(), WINDSOR, Money.UNDISCLOSED, null))
                .thenRejected("value-required", "investor.name");
        spec.given()
                .when(announceWith(
                        new Company("LG Energy Solution", "KOR"), List.of(), WINDSOR, Money.UNDISCLOSED, null))
                .thenRejected("invalid-country", "investor.country");
    }

    @Test
    void rejectsBadPartners() {
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, null, WINDSOR, Money.UNDISCLOSED, null))
                .thenRejected("value-required", "partners");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION,
                        List.of(new Company("Stellantis N.V.", "XX")),
                        WINDSOR,
                        Money.UNDISCLOSED,
                        null))
                .thenRejected("invalid-country", "partners[0].country");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION,
                        List.of(STELLANTIS, new Company("stellantis n.v.", "NL")),
                        WINDSOR,
                        Money.UNDISCLOSED,
                        null))
                .thenRejected("duplicate-partner", "partners[1]");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION,
                        List.of(new Company("LG Energy Solution", "KR")),
                        WINDSOR,
                        Money.UNDISCLOSED,
                        null))
                .thenRejected("partner-is-investor", "partners[0]");
    }

    @Test
    void acceptsACanadianSiteWhoseProvinceTheSourcesDoNotGive() {
        List<InvestmentEvent> events = spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), new Site(null, null, "CA"), Money.UNDISCLOSED, null))
                .thenAccepted();
        assertEquals(new Site(null, null, "CA"), ((InvestmentEvent.InvestmentAnnounced) events.get(0)).site());
    }

    @Test
    void rejectsABadSite() {
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), null, Money.UNDISCLOSED, null))
                .thenRejected("value-required", "site");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site("Windsor", "ON", "CA"), Money.UNDISCLOSED, null))
                .thenRejected("invalid-province", "site.province");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site("Ochang", "CA-ON", "KR"), Money.UNDISCLOSED, null))
                .thenRejected("invalid-province", "site.province");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site("Windsor", "CA-ON", "Canada"), Money.UNDISCLOSED, null))
                .thenRejected("invalid-country", "site.country");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site(" ", "CA-ON", "CA"), Money.UNDISCLOSED, null))
                .thenRejected("invalid-city", "site.city");
    }

    @Test
    void acceptsASiteWithoutCityAndAForeignSiteWithoutProvince() {
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site(null, "CA-QC", "CA"), Money.UNDISCLOSED, null))
                .then(new InvestmentEvent.InvestmentAnnounced(
                        Samples.LGES,
                        announce().project(),
                        LG_ENERGY_SOLUTION,
                        List.of(),
                        Sector.BATTERY_CELLS,
                        new Site(null, "CA-QC", "CA"),
                        Money.UNDISCLOSED,
                        null,
                        List.of(Samples.NEGOTIATION),
                        announce().businessDate(),
                        announce().status(),
                        announce().sources()));
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), new Site("Ochang", null, "KR"), Money.UNDISCLOSED, null))
                .then(new InvestmentEvent.InvestmentAnnounced(
                        Samples.LGES,
                        announce().project(),
                        LG_ENERGY_SOLUTION,
                        List.of(),
                        Sector.BATTERY_CELLS,
                        new Site("Ochang", null, "KR"),
                        Money.UNDISCLOSED,
                        null,
                        List.of(Samples.NEGOTIATION),
                        announce().businessDate(),
                        announce().status(),
                        announce().sources()));
    }

    @Test
    void rejectsABadAmount() {
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), WINDSOR, null, null))
                .thenRejected("value-required", "amount");
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), WINDSOR, Money.of("5000000000", "C$"), null))
                .thenRejected("invalid-currency", "amount.currency");
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), WINDSOR, Money.of("5000000000", "XYZ"), null))
                .thenRejected("invalid-currency", "amount.currency");
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), WINDSOR, Money.of("0.00", "CAD"), null))
                .thenRejected("non-positive-amount", "amount.amount");
        spec.given()
                .when(announceWith(
                        LG_ENERGY_SOLUTION, List.of(), WINDSOR, new Money.Disclosed(new BigDecimal("-1"), "CAD"), null))
                .thenRejected("non-positive-amount", "amount.amount");
    }

    @Test
    void rejectsNegativeJobsButAcceptsUnknownJobs() {
        spec.given()
                .when(announceWith(LG_ENERGY_SOLUTION, List.of(), WINDSOR, Money.UNDISCLOSED, -1))
                .thenRejected("negative-jobs", "expectedJobs");
    }

    @Test
    void rejectsBadNegotiationIds() {
        AnnounceInvestment c = announce();
        spec.given()
                .when(with(c.investmentId(), c.project(), c.sector(), null, c.sources()))
                .thenRejected("value-required", "negotiationIds");
        spec.given()
                .when(with(c.investmentId(), c.project(), c.sector(), List.of("CA-KR cooperation"), c.sources()))
                .thenRejected("invalid-negotiation-id", "negotiationIds[0]");
        spec.given()
                .when(with(
                        c.investmentId(),
                        c.project(),
                        c.sector(),
                        List.of(Samples.NEGOTIATION, Samples.NEGOTIATION),
                        c.sources()))
                .thenRejected("duplicate-negotiation-id", "negotiationIds[1]");
    }

    @Test
    void rejectsMissingOrBadSources() {
        AnnounceInvestment c = announce();
        spec.given()
                .when(with(c.investmentId(), c.project(), c.sector(), c.negotiationIds(), List.of()))
                .thenRejected("source-required", "sources");
        spec.given()
                .when(with(c.investmentId(), c.project(), c.sector(), c.negotiationIds(), null))
                .thenRejected("source-required", "sources");
        Source noTitle = new Source(" ", "ISED", null, null, Source.Kind.OFFICIAL);
        spec.given()
                .when(with(c.investmentId(), c.project(), c.sector(), c.negotiationIds(), List.of(noTitle)))
                .thenRejected("value-required", "sources[0].title");
        Source badUrl = new Source("Release", "ISED", null, "www.canada.ca/release", Source.Kind.OFFICIAL);
        spec.given()
                .when(with(
                        c.investmentId(),
                        c.project(),
                        c.sector(),
                        c.negotiationIds(),
                        List.of(Samples.ISED_2026_01_29, badUrl)))
                .thenRejected("invalid-source-url", "sources[1].url");
    }

    @Test
    void rejectsAMissingBusinessDateOrStatus() {
        AnnounceInvestment c = announce();
        spec.given()
                .when(new AnnounceInvestment(
                        c.investmentId(),
                        c.project(),
                        c.investor(),
                        c.partners(),
                        c.sector(),
                        c.site(),
                        c.amount(),
                        c.expectedJobs(),
                        c.negotiationIds(),
                        null,
                        c.status(),
                        c.sources()))
                .thenRejected("value-required", "businessDate");
        spec.given()
                .when(new AnnounceInvestment(
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
                        null,
                        c.sources()))
                .thenRejected("value-required", "status");
    }
}
