package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationEvent.FactCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.FactRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/**
 * The decisions on a fact's correction and retraction (part of {@link NegotiationDecider}): the target must be a
 * standing fact, a correction must change it, and the opening or a fact others rest on is not retracted.
 */
final class CorrectionDecisions {
    private CorrectionDecisions() {}

    static Decision<NegotiationEvent> correct(CorrectFact c, NegotiationState s) {
        return Rules.check(() -> correctable(s, c.targetVersion()))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> FactRules.fact(c.corrected(), "corrected.", c.recordedOn()))
                .and(() -> FactRules.forKind(target(s, c).kind(), c.corrected(), s.parties(), "corrected."))
                .and(() -> changesSomething(
                        FactDigest.of(c.corrected()), target(s, c).digest(), "fact", c.targetVersion()))
                .accept(() -> new FactCorrected(c.negotiationId(), c.targetVersion(), c.corrected(), c.reason()));
    }

    /** The rule every correction keeps, a fact's or an indicator's: it must change what it corrects. */
    static DomainError changesSomething(FactDigest corrected, FactDigest target, String what, long targetVersion) {
        return corrected.equals(target)
                ? violation(
                        "correction-changes-nothing",
                        "the corrected " + what + " equals the " + what + " at version " + targetVersion,
                        "corrected")
                : null;
    }

    static Decision<NegotiationEvent> retract(RetractFact c, NegotiationState s) {
        return Rules.check(() -> correctable(s, c.targetVersion()))
                .and(() -> target(s, c.targetVersion()).kind() == Kind.NEGOTIATION_OPENED
                        ? violation(
                                "opening-cannot-be-retracted",
                                "the opening of a negotiation cannot be "
                                        + "retracted: correct it, or terminate the negotiation",
                                "targetVersion")
                        : null)
                .and(() -> dependants(s, target(s, c.targetVersion())))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> FactRules.sources(c.sources(), "sources", false))
                .accept(() -> new FactRetracted(c.negotiationId(), c.targetVersion(), c.reason(), c.sources()));
    }

    private static DomainError correctable(NegotiationState s, long version) {
        if (version < 1 || version > s.version()) {
            return violation(
                    "correction-target-not-found",
                    "there is no event at version " + version + " (the stream is at version " + s.version() + ")",
                    "targetVersion");
        }
        FactSummary fact = target(s, version);
        if (fact == null || FigureDecisions.isFigure(fact.kind())) {
            return violation(
                    "correction-target-not-a-fact",
                    "the event at version " + version
                            + " is not a fact (stalls, resumptions, terminations, corrections and retractions are not "
                            + "corrected; indicators and claims have their own corrections and retractions)",
                    "targetVersion");
        }
        return fact.retracted()
                ? violation(
                        "fact-already-retracted", "the fact at version " + version + " was retracted", "targetVersion")
                : null;
    }

    /** A fact that others rest on cannot be retracted before them. */
    private static DomainError dependants(NegotiationState s, FactSummary target) {
        boolean lastMou = (target.kind() == Kind.MOU_SIGNED || target.kind() == Kind.AGREEMENT_CONCLUDED)
                && s.inForce()
                                .filter(f -> f.kind() == Kind.MOU_SIGNED || f.kind() == Kind.AGREEMENT_CONCLUDED)
                                .count()
                        == 1;
        if (lastMou && s.inForce().anyMatch(f -> f.kind() == Kind.COMMITTEE_FORMED)) {
            return violation(
                    "fact-has-dependants",
                    "a committee rests on this MOU or agreement: retract the " + "committee first",
                    "targetVersion");
        }
        if (target.kind() == Kind.TRADE_MISSION_ANNOUNCED && s.missionCompleted(target.missionId())) {
            return violation(
                    "fact-has-dependants",
                    "trade mission " + target.missionId() + " is recorded as "
                            + "completed: retract the completion first",
                    "targetVersion");
        }
        return null;
    }

    private static FactSummary target(NegotiationState s, CorrectFact c) {
        return target(s, c.targetVersion());
    }

    private static FactSummary target(NegotiationState s, long version) {
        return s.fact(version).orElse(null);
    }
}
