package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.CanadaKorea.ID;
import static io.tracker.negotiation.domain.CanadaKorea.RECORDED_ON;
import static io.tracker.negotiation.domain.CanadaKorea.leadersMet;
import static io.tracker.negotiation.domain.CanadaKorea.mouSigned;
import static io.tracker.negotiation.domain.CanadaKorea.opened;
import static io.tracker.negotiation.domain.CanadaKorea.talksHeld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.testing.DeciderSpec;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.RecordClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RecordIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.RetractClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationCommand.RetractIndicator;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationTerminated;

/** Indicators and claims: recorded, corrected, retracted, and kept apart from the facts (given / when / then). */
class FigureDeciderTest {
    static final CitedSource ISED = new CitedSource(
            "Canada and Republic of Korea strengthen ties in key industrial " + "sectors",
            "Innovation, Science and Economic Development Canada (via CNW)",
            java.time.LocalDate.of(2026, 1, 29),
            null,
            CitedSource.Kind.OFFICIAL);
    static final CitedSource OPINION = new CitedSource(
            "Canada-South Korea Automotive MOU: Strengthening Ties, Raising " + "US Manufacturing Questions",
            null,
            null,
            null,
            CitedSource.Kind.OPINION);
    static final CitedSource ANALYST = new CitedSource(
            "Re-read of the ISED release", "Tracker analysts", RECORDED_ON, null, CitedSource.Kind.ANALYST);

    static final Indicator TRADE = new Indicator(
            "Canada–Korea merchandise trade",
            new BigDecimal("24500000000"),
            Indicator.Qualifier.EXACT,
            Indicator.MONEY,
            "CAD",
            BusinessDate.parse("2024"),
            "Canada–Korea",
            List.of(ISED));
    static final Indicator SHARE = new Indicator(
            "Share of cars sold in Canada made by Korean automakers",
            new BigDecimal("12"),
            Indicator.Qualifier.EXACT,
            "percent",
            null,
            BusinessDate.parse("2024"),
            "Canada",
            List.of(ISED));
    static final Claim CLAIM =
            new Claim("Korea could move automotive production from the USA to Canada", OPINION, null);

    private final DeciderSpec<NegotiationCommand, NegotiationEvent, NegotiationState> spec =
            new DeciderSpec<>(new NegotiationDecider()).versionedBy(NegotiationState::version);

    /** Versions 1 to 4 are facts, 5 the trade indicator, 6 the claim. */
    private static List<NegotiationEvent> history() {
        return List.of(
                opened(),
                leadersMet(),
                talksHeld(),
                mouSigned(),
                new IndicatorRecorded(ID, TRADE),
                new ClaimRecorded(ID, CLAIM));
    }

    private static Indicator with(Indicator i, String unit, String currency) {
        return new Indicator(i.name(), i.value(), i.qualifier(), unit, currency, i.period(), i.scope(), i.sources());
    }

    @Test
    void records_an_indicator_with_its_sources() {
        spec.given(opened()).when(new RecordIndicator(ID, SHARE, RECORDED_ON)).then(new IndicatorRecorded(ID, SHARE));
    }

    @Test
    void an_indicator_moves_no_stage_and_is_no_fact() {
        NegotiationState before = spec.given(opened(), leadersMet()).state();
        NegotiationState after = spec.given(opened(), leadersMet(), new IndicatorRecorded(ID, SHARE))
                .state();
        assertEquals(before.stage(), after.stage());
        assertEquals(3, after.version());
    }

    @Test
    void money_needs_a_currency_and_only_money_has_one() {
        spec.given(opened())
                .when(new RecordIndicator(ID, with(TRADE, Indicator.MONEY, null), RECORDED_ON))
                .thenRejected("currency-required", "indicator.currency");
        spec.given(opened())
                .when(new RecordIndicator(ID, with(SHARE, "percent", "CAD"), RECORDED_ON))
                .thenRejected("currency-not-applicable", "indicator.currency");
        spec.given(opened())
                .when(new RecordIndicator(ID, with(TRADE, Indicator.MONEY, "XAU"), RECORDED_ON))
                .thenRejected("invalid-currency", "indicator.currency");
    }

    @Test
    void an_indicator_needs_a_source_and_a_period_that_has_begun() {
        Indicator unsourced = new Indicator(
                SHARE.name(),
                SHARE.value(),
                SHARE.qualifier(),
                SHARE.unit(),
                null,
                SHARE.period(),
                SHARE.scope(),
                List.of());
        spec.given(opened())
                .when(new RecordIndicator(ID, unsourced, RECORDED_ON))
                .thenRejected("sources-required", "indicator.sources");
        Indicator future = new Indicator(
                SHARE.name(),
                SHARE.value(),
                SHARE.qualifier(),
                SHARE.unit(),
                null,
                BusinessDate.parse("2027"),
                SHARE.scope(),
                SHARE.sources());
        spec.given(opened())
                .when(new RecordIndicator(ID, future, RECORDED_ON))
                .thenRejected("period-in-future", "indicator.period");
        CitedSource blank = new CitedSource("t", " ", null, null, CitedSource.Kind.NEWS);
        Indicator blankPublisher = new Indicator(
                SHARE.name(),
                SHARE.value(),
                SHARE.qualifier(),
                SHARE.unit(),
                null,
                SHARE.period(),
                SHARE.scope(),
                List.of(blank));
        spec.given(opened())
                .when(new RecordIndicator(ID, blankPublisher, RECORDED_ON))
                .thenRejected("value-required", "indicator.sources[0].publisher");
    }

    @Test
    void corrects_an_indicator_citing_the_analysts_own_correction() {
        Indicator corrected = new Indicator(
                TRADE.name(),
                new BigDecimal("24.5E9"),
                Indicator.Qualifier.ABOUT,
                Indicator.MONEY,
                "CAD",
                TRADE.period(),
                TRADE.scope(),
                List.of(ISED, ANALYST));
        spec.given(history())
                .when(new CorrectIndicator(ID, 5, corrected, "the release rounds it", RECORDED_ON))
                .then(new IndicatorCorrected(ID, 5, corrected, "the release rounds it"));
    }

    @Test
    void a_correction_that_changes_nothing_is_refused_even_written_differently() {
        Indicator same = new Indicator(
                TRADE.name(),
                new BigDecimal("24500000000.00"),
                TRADE.qualifier(),
                TRADE.unit(),
                TRADE.currency(),
                TRADE.period(),
                TRADE.scope(),
                TRADE.sources());
        spec.given(history())
                .when(new CorrectIndicator(ID, 5, same, "typo", RECORDED_ON))
                .thenRejected("correction-changes-nothing", "corrected");
    }

    @Test
    void an_indicator_correction_or_retraction_targets_an_indicator_in_force() {
        spec.given(history())
                .when(new CorrectIndicator(ID, 2, SHARE, "r", RECORDED_ON))
                .thenRejected("correction-target-not-an-indicator", "targetVersion");
        spec.given(history())
                .when(new RetractIndicator(ID, 6, "r"))
                .thenRejected("correction-target-not-an-indicator", "targetVersion");
        spec.given(history())
                .when(new RetractIndicator(ID, 9, "r"))
                .thenRejected("correction-target-not-found", "targetVersion");
        List<NegotiationEvent> retracted = new java.util.ArrayList<>(history());
        retracted.add(new IndicatorRetracted(ID, 5, "wrong figure"));
        spec.given(retracted)
                .when(new CorrectIndicator(ID, 5, SHARE, "r", RECORDED_ON))
                .thenRejected("fact-already-retracted", "targetVersion");
        spec.given(history())
                .when(new RetractIndicator(ID, 5, "wrong figure"))
                .then(new IndicatorRetracted(ID, 5, "wrong figure"));
    }

    @Test
    void the_facts_corrections_and_retractions_do_not_touch_indicators_or_claims() {
        spec.given(history())
                .when(new RetractFact(ID, 5, "r", List.of()))
                .thenRejected("correction-target-not-a-fact", "targetVersion");
        spec.given(history())
                .when(new CorrectFact(ID, 6, CanadaKorea.MOU, "r", RECORDED_ON))
                .thenRejected("correction-target-not-a-fact", "targetVersion");
    }

    @Test
    void records_a_claim_without_a_named_publisher_and_retracts_it() {
        spec.given(opened()).when(new RecordClaim(ID, CLAIM, RECORDED_ON)).then(new ClaimRecorded(ID, CLAIM));
        spec.given(history())
                .when(new RetractClaim(ID, 6, "recorded in error"))
                .then(new ClaimRetracted(ID, 6, "recorded in error"));
        spec.given(history())
                .when(new RetractClaim(ID, 5, "r"))
                .thenRejected("retraction-target-not-a-claim", "targetVersion");
    }

    @Test
    void a_claim_needs_a_statement_and_a_source() {
        spec.given(opened())
                .when(new RecordClaim(ID, new Claim(" ", OPINION, null), RECORDED_ON))
                .thenRejected("value-required", "claim.statement");
        spec.given(opened())
                .when(new RecordClaim(ID, new Claim("s", null, null), RECORDED_ON))
                .thenRejected("value-required", "claim.source");
        spec.given(opened())
                .when(new RecordClaim(ID, new Claim("s", OPINION, BusinessDate.parse("2026-03")), RECORDED_ON))
                .thenRejected("occurred-date-in-future", "claim.madeOn");
    }

    @Test
    void a_claim_never_counts_for_a_stage_nor_as_an_mou_under_a_committee() {
        NegotiationState state =
                spec.given(opened(), leadersMet(), new ClaimRecorded(ID, CLAIM)).state();
        assertEquals(Stage.LEADERS_ENGAGED, state.stage());
        assertTrue(!state.hasMouOrAgreement(false));
    }

    @Test
    void after_termination_only_corrections_and_retractions() {
        List<NegotiationEvent> terminated = new java.util.ArrayList<>(history());
        terminated.add(new NegotiationTerminated(
                ID, BusinessDate.parse("2026-02"), "ended", List.of(CanadaKorea.ISED_RELEASE)));
        spec.given(terminated).when(new RecordIndicator(ID, SHARE, RECORDED_ON)).thenRejected("negotiation-terminated");
        spec.given(terminated).when(new RecordClaim(ID, CLAIM, RECORDED_ON)).thenRejected("negotiation-terminated");
        spec.given(terminated).when(new RetractIndicator(ID, 5, "wrong")).then(new IndicatorRetracted(ID, 5, "wrong"));
    }
}
