package io.tracker.investment.domain;

import static io.tracker.investment.domain.Samples.CP_2022_06_02;
import static io.tracker.investment.domain.Samples.FIVE_BILLION;
import static io.tracker.investment.domain.Samples.LGES;
import static io.tracker.investment.domain.Samples.LGES_2023_07_05;
import static io.tracker.investment.domain.Samples.STELLANTIS;
import static io.tracker.investment.domain.Samples.announced;
import static io.tracker.investment.domain.Samples.commit;
import static io.tracker.investment.domain.Samples.committed;
import static io.tracker.investment.domain.Samples.date;
import static io.tracker.investment.domain.Samples.milestone;
import static io.tracker.investment.domain.Samples.revised;
import static io.tracker.investment.domain.Samples.supportSecured;
import static io.tracker.investment.domain.Samples.withdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.FactStatus;
import io.tracker.core.testing.DeciderSpec;
import io.tracker.investment.domain.InvestmentCommand.CorrectFact;
import io.tracker.investment.domain.InvestmentCommand.RetractFact;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactCorrected;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactRetracted;

class CorrectionTest {
    private final DeciderSpec<InvestmentCommand, InvestmentEvent, InvestmentState> spec =
            new DeciderSpec<>(new InvestmentDecider()).versionedBy(InvestmentState::version);
    private static final String JV = "NextStar Energy is the joint venture of LG Energy Solution and Stellantis N.V.";
    private static final String PLAN_ONLY = "The 2022 article gives the plan to start production in 2024; it does "
            + "not report that production started.";

    private static CorrectFact correct(int version, FactCorrection correction) {
        return new CorrectFact(version, correction, JV, List.of(LGES_2023_07_05));
    }

    private static InvestmentFactCorrected corrected(int version, FactCorrection correction) {
        return new InvestmentFactCorrected(LGES, version, correction, JV, List.of(LGES_2023_07_05));
    }

    private static RetractFact retract(int version) {
        return new RetractFact(version, PLAN_ONLY, List.of(CP_2022_06_02));
    }

    private static InvestmentFactRetracted retracted(int version) {
        return new InvestmentFactRetracted(LGES, version, PLAN_ONLY, List.of(CP_2022_06_02));
    }

    // corrections

    @Test
    void correctsThePartnersOfTheAnnouncement() {
        FactCorrection partners = FactCorrection.none().withPartners(List.of(STELLANTIS));
        InvestmentState state =
                spec.given(announced()).when(correct(1, partners)).then(corrected(1, partners));
        assertEquals(List.of(STELLANTIS), state.announcement().partners());
        assertEquals(2, state.version());
    }

    @Test
    void correctsTheFiguresOfARevisionAndTheCurrentFiguresFollow() {
        FactCorrection figures =
                FactCorrection.none().withAmount(Money.of("4900000000", "CAD")).withExpectedJobs(2300);
        InvestmentState state =
                spec.given(announced(), revised()).when(correct(2, figures)).then(corrected(2, figures));
        assertTrue(state.amount().sameAmountAs(Money.of("4900000000.00", "CAD")));
        assertEquals(2300, state.expectedJobs());
    }

    @Test
    void correctsAMilestoneDateAndStatusEvenAfterWithdrawal() {
        FactCorrection planned =
                FactCorrection.none().withBusinessDate(date("2024-Q1")).withStatus(FactStatus.PLANNED);
        spec.given(announced(), committed(), milestone(Milestone.PRODUCTION_STARTED), withdrawn())
                .when(correct(3, planned))
                .then(corrected(3, planned));
    }

    @Test
    void rejectsACorrectionOfAFieldTheFactDoesNotHave() {
        FactCorrection site = FactCorrection.none().withSite(new Site("Windsor", "CA-ON", "CA"));
        spec.given(announced(), committed())
                .when(correct(2, site))
                .thenRejected("correction-not-applicable", "correction.site");
        FactCorrection amount = FactCorrection.none().withAmount(FIVE_BILLION);
        spec.given(announced(), committed(), milestone(Milestone.SITE_SELECTED))
                .when(correct(3, amount))
                .thenRejected("correction-not-applicable", "correction.amount");
    }

    @Test
    void rejectsACorrectionThatChangesNothing() {
        spec.given(announced())
                .when(correct(1, FactCorrection.none()))
                .thenRejected("correction-changes-nothing", "correction");
        spec.given(announced())
                .when(correct(1, FactCorrection.none().withSite(Samples.WINDSOR)))
                .thenRejected("correction-changes-nothing", "correction");
        spec.given(announced(), revised())
                .when(correct(2, FactCorrection.none().withAmount(Money.of("5E+9", "CAD"))))
                .thenRejected("correction-changes-nothing", "correction");
    }

    @Test
    void rejectsInvalidCorrectedValues() {
        spec.given(announced())
                .when(correct(1, FactCorrection.none().withSite(new Site("Bécancour", "QC", "CA"))))
                .thenRejected("invalid-province", "correction.site.province");
        spec.given(announced())
                .when(correct(1, FactCorrection.none().withAmount(Money.of("0", "CAD"))))
                .thenRejected("non-positive-amount", "correction.amount.amount");
        spec.given(announced())
                .when(correct(1, FactCorrection.none().withExpectedJobs(-1)))
                .thenRejected("negative-jobs", "correction.expectedJobs");
        spec.given(announced())
                .when(correct(1, FactCorrection.none().withPartners(List.of(new Company("LG Energy Solution", "KR")))))
                .thenRejected("partner-is-investor", "correction.partners[0]");
        spec.given(announced()).when(correct(1, null)).thenRejected("value-required", "correction");
    }

    @Test
    void aCorrectionNeedsAReasonAndASource() {
        FactCorrection partners = FactCorrection.none().withPartners(List.of(STELLANTIS));
        spec.given(announced())
                .when(new CorrectFact(1, partners, " ", List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "reason");
        spec.given(announced())
                .when(new CorrectFact(1, partners, JV, List.of()))
                .thenRejected("source-required", "sources");
    }

    @Test
    void aCorrectionPointsAtAStandingFact() {
        FactCorrection partners = FactCorrection.none().withPartners(List.of(STELLANTIS));
        spec.given(announced()).when(correct(0, partners)).thenRejected("unknown-version", "correctsVersion");
        spec.given(announced()).when(correct(2, partners)).thenRejected("unknown-version", "correctsVersion");
        spec.given(announced(), corrected(1, partners))
                .when(correct(2, partners))
                .thenRejected("not-a-fact", "correctsVersion");
        FactCorrection planned = FactCorrection.none().withStatus(FactStatus.PLANNED);
        spec.given(announced(), committed(), milestone(Milestone.PRODUCTION_STARTED), retracted(3))
                .when(correct(3, planned))
                .thenRejected("fact-retracted", "correctsVersion");
    }

    // retractions

    @Test
    void retractsAMilestoneWhichCanThenBeRecordedAgain() {
        InvestmentState state = spec.given(announced(), committed(), milestone(Milestone.GOVERNMENT_SUPPORT_SECURED))
                .when(retract(3))
                .then(retracted(3));
        assertEquals(Set.of(), state.milestones());
        assertEquals(Set.of(3), state.retracted());
        spec.given(announced(), committed(), milestone(Milestone.GOVERNMENT_SUPPORT_SECURED), retracted(3))
                .when(supportSecured())
                .then(milestone(Milestone.GOVERNMENT_SUPPORT_SECURED));
    }

    @Test
    void retractingARevisionRestoresTheEarlierFigures() {
        InvestmentState state =
                spec.given(announced(), revised()).when(retract(2)).then(retracted(2));
        assertEquals(Money.UNDISCLOSED, state.amount());
        assertEquals(null, state.expectedJobs());
    }

    @Test
    void retractingTheWithdrawalReopensTheInvestment() {
        InvestmentState state =
                spec.given(announced(), withdrawn()).when(retract(2)).then(retracted(2));
        assertFalse(state.withdrawn());
        spec.given(announced(), withdrawn(), retracted(2)).when(commit()).then(committed());
    }

    @Test
    void retractsAfterWithdrawal() {
        spec.given(announced(), committed(), milestone(Milestone.SITE_SELECTED), withdrawn())
                .when(retract(3))
                .then(retracted(3));
    }

    @Test
    void theAnnouncementIsNotRetractable() {
        spec.given(announced()).when(retract(1)).thenRejected("announcement-not-retractable", "retractsVersion");
    }

    @Test
    void aCommitmentWithMilestonesIsNotRetractable() {
        spec.given(announced(), committed(), milestone(Milestone.SITE_SELECTED))
                .when(retract(2))
                .thenRejected("commitment-has-milestones", "retractsVersion");
        spec.given(announced(), committed()).when(retract(2)).then(retracted(2));
    }

    @Test
    void aRetractionPointsAtAStandingFact() {
        spec.given(announced(), committed()).when(retract(3)).thenRejected("unknown-version", "retractsVersion");
        spec.given(announced(), committed(), retracted(2))
                .when(retract(2))
                .thenRejected("fact-retracted", "retractsVersion");
        spec.given(announced(), committed(), retracted(2))
                .when(retract(3))
                .thenRejected("not-a-fact", "retractsVersion");
    }

    @Test
    void aRetractionNeedsAReasonAndASource() {
        spec.given(announced(), committed())
                .when(new RetractFact(2, null, List.of(CP_2022_06_02)))
                .thenRejected("value-required", "reason");
        spec.given(announced(), committed())
                .when(new RetractFact(2, PLAN_ONLY, null))
                .thenRejected("source-required", "sources");
    }
}
