package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.CanadaKorea.ID;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRetracted;

/** The indicator and claim events of the golden samples (stream versions 15 to 19, after the agreement). */
public final class CanadaKoreaFigures {
    public static final CitedSource ISED = new CitedSource(
            "Canada and Republic of Korea strengthen ties in key industrial sectors",
            "Innovation, Science and Economic Development Canada (via CNW)",
            LocalDate.of(2026, 1, 29),
            null,
            CitedSource.Kind.OFFICIAL);
    public static final CitedSource ANALYST = new CitedSource(
            "Correction by the tracking team: the release says \"more than 125,000\"",
            "Tracking team",
            null,
            null,
            CitedSource.Kind.ANALYST);
    public static final CitedSource OPINION = new CitedSource(
            "Canada-South Korea Automotive MOU: Strengthening Ties, Raising US Manufacturing Questions",
            null,
            null,
            null,
            CitedSource.Kind.OPINION);

    public static final Indicator DIRECT_JOBS = new Indicator(
            "People directly employed by Canada's automotive industry",
            new BigDecimal("125000"),
            Indicator.Qualifier.EXACT,
            "jobs",
            null,
            BusinessDate.parse("2024"),
            "Canada",
            List.of(ISED));
    public static final Indicator DIRECT_JOBS_CORRECTED = new Indicator(
            DIRECT_JOBS.name(),
            DIRECT_JOBS.value(),
            Indicator.Qualifier.MORE_THAN,
            "jobs",
            null,
            DIRECT_JOBS.period(),
            "Canada",
            List.of(ISED, ANALYST));
    public static final Claim MOVE_FROM_USA = new Claim(
            "South Korea signs an MOU with Canada to move its automotive "
                    + "industry from the USA to Canada (the piece itself calls this title \"a bit of a stretch\").",
            OPINION,
            null);

    private CanadaKoreaFigures() {}

    public static IndicatorRecorded jobsRecorded() {
        return new IndicatorRecorded(ID, DIRECT_JOBS);
    }

    public static IndicatorCorrected jobsCorrected() {
        return new IndicatorCorrected(
                ID, 15, DIRECT_JOBS_CORRECTED, "The release says \"more than 125,000\", not exactly 125,000.");
    }

    public static IndicatorRetracted jobsRetracted() {
        return new IndicatorRetracted(ID, 15, "Recorded under the wrong negotiation.");
    }

    public static ClaimRecorded claimRecorded() {
        return new ClaimRecorded(ID, MOVE_FROM_USA);
    }

    public static ClaimRetracted claimRetracted() {
        return new ClaimRetracted(ID, 18, "Recorded twice; the other record stands.");
    }
}
