package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.RecordClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RecordIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.RetractClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RetractIndicator;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/**
 * The decisions on indicators and claims (part of {@link NegotiationDecider}). Rules: {@code negotiation-terminated}
 * (recording; corrections and retractions stay possible), {@code correction-target-not-found},
 * {@code correction-target-not-an-indicator}, {@code retraction-target-not-a-claim}, {@code fact-already-retracted},
 * {@code correction-changes-nothing}, {@code currency-required}, {@code currency-not-applicable},
 * {@code invalid-currency}, {@code period-in-future}, {@code occurred-date-in-future} (a claim's date),
 * {@code sources-required}, {@code invalid-source-url}, {@code value-required}.
 */
final class FigureDecisions {
    private FigureDecisions() {}

    static Decision<NegotiationEvent> record(RecordIndicator c, NegotiationState s) {
        return Rules.check(() -> StatusDecisions.notTerminated(s))
                .and(() -> FigureRules.indicator(c.indicator(), "indicator", c.recordedOn()))
                .accept(() -> new IndicatorRecorded(c.negotiationId(), c.indicator()));
    }

    static Decision<NegotiationEvent> correct(CorrectIndicator c, NegotiationState s) {
        return Rules.check(() -> target(
                        s,
                        c.targetVersion(),
                        Kind.INDICATOR_RECORDED,
                        "correction-target-not-an-indicator",
                        "an indicator"))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> FigureRules.indicator(c.corrected(), "corrected", c.recordedOn()))
                .and(() -> CorrectionDecisions.changesSomething(
                        FactDigest.of(c.corrected()),
                        s.fact(c.targetVersion()).orElseThrow().digest(),
                        "indicator",
                        c.targetVersion()))
                .accept(() -> new IndicatorCorrected(c.negotiationId(), c.targetVersion(), c.corrected(), c.reason()));
    }

    static Decision<NegotiationEvent> retract(RetractIndicator c, NegotiationState s) {
        return Rules.check(() -> target(
                        s,
                        c.targetVersion(),
                        Kind.INDICATOR_RECORDED,
                        "correction-target-not-an-indicator",
                        "an indicator"))
                .and(() -> required(c.reason(), "reason"))
                .accept(() -> new IndicatorRetracted(c.negotiationId(), c.targetVersion(), c.reason()));
    }

    static Decision<NegotiationEvent> record(RecordClaim c, NegotiationState s) {
        return Rules.check(() -> StatusDecisions.notTerminated(s))
                .and(() -> FigureRules.claim(c.claim(), c.recordedOn()))
                .accept(() -> new ClaimRecorded(c.negotiationId(), c.claim()));
    }

    static Decision<NegotiationEvent> retract(RetractClaim c, NegotiationState s) {
        return Rules.check(() ->
                        target(s, c.targetVersion(), Kind.CLAIM_RECORDED, "retraction-target-not-a-claim", "a claim"))
                .and(() -> required(c.reason(), "reason"))
                .accept(() -> new ClaimRetracted(c.negotiationId(), c.targetVersion(), c.reason()));
    }

    /** True for the kinds recorded here, which the facts' corrections and retractions do not touch. */
    static boolean isFigure(Kind kind) {
        return kind == Kind.INDICATOR_RECORDED || kind == Kind.CLAIM_RECORDED;
    }

    private static DomainError target(NegotiationState s, long version, Kind kind, String code, String what) {
        if (version < 1 || version > s.version()) {
            return violation(
                    "correction-target-not-found",
                    "there is no event at version " + version + " (the stream is at version " + s.version() + ")",
                    "targetVersion");
        }
        FactSummary target = s.fact(version).orElse(null);
        if (target == null || target.kind() != kind) {
            return violation(code, "the event at version " + version + " is not " + what, "targetVersion");
        }
        return target.retracted()
                ? violation(
                        "fact-already-retracted",
                        "the " + what.substring(what.indexOf(' ') + 1) + " at version " + version + " was retracted",
                        "targetVersion")
                : null;
    }
}
