package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.present;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;
import io.tracker.core.domain.Source;
import io.tracker.negotiation.domain.NegotiationCommand.ResumeNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.StallNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.TerminateNegotiation;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationResumed;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationStalled;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationTerminated;

/**
 * The decisions on the negotiation's status (part of {@link NegotiationDecider}): stalling, resuming and
 * terminating it, and {@link #notTerminated}, the rule every command that records something checks first.
 */
final class StatusDecisions {
    private StatusDecisions() {}

    static Decision<NegotiationEvent> stall(StallNegotiation c, NegotiationState s) {
        return Rules.check(() -> notTerminated(s))
                .and(() -> notConcluded(s, "stalled"))
                .and(() -> s.stalled()
                        ? violation(
                                "negotiation-already-stalled",
                                "the negotiation is already stalled (since " + s.stalledSince() + ")",
                                null)
                        : null)
                .and(() -> statusChange(c.date(), c.reason(), c.sources(), c.recordedOn()))
                .accept(() -> new NegotiationStalled(c.negotiationId(), c.date(), c.reason(), c.sources()));
    }

    static Decision<NegotiationEvent> resume(ResumeNegotiation c, NegotiationState s) {
        return Rules.check(() -> notTerminated(s))
                .and(() -> s.stalled()
                        ? null
                        : violation("negotiation-not-stalled", "only a stalled negotiation can resume", null))
                .and(() -> statusChange(c.date(), c.reason(), c.sources(), c.recordedOn()))
                .and(() -> c.date().latest().isBefore(s.stalledSince().earliest())
                        ? violation(
                                "resume-before-stall",
                                "'" + c.date() + "' ends before the stall began (" + s.stalledSince() + ")",
                                "date")
                        : null)
                .accept(() -> new NegotiationResumed(c.negotiationId(), c.date(), c.reason(), c.sources()));
    }

    static Decision<NegotiationEvent> terminate(TerminateNegotiation c, NegotiationState s) {
        return Rules.check(() -> notTerminated(s))
                .and(() -> notConcluded(s, "terminated"))
                .and(() -> statusChange(c.date(), c.reason(), c.sources(), c.recordedOn()))
                .accept(() -> new NegotiationTerminated(c.negotiationId(), c.date(), c.reason(), c.sources()));
    }

    private static DomainError statusChange(
            BusinessDate date, String reason, List<Source> sources, LocalDate recordedOn) {
        return Rules.check(() -> present(recordedOn, "recordedOn"))
                .and(() -> present(date, "date"))
                .and(() -> FactRules.notAfter(date, recordedOn, "date"))
                .and(() -> required(reason, "reason"))
                .and(() -> FactRules.sources(sources, "sources", true))
                .firstViolation();
    }

    static DomainError notTerminated(NegotiationState s) {
        return s.terminated()
                ? violation(
                        "negotiation-terminated",
                        "the negotiation is terminated: only " + "corrections and retractions can be recorded",
                        null)
                : null;
    }

    private static DomainError notConcluded(NegotiationState s, String what) {
        return s.agreementConcluded()
                ? violation(
                        "negotiation-concluded",
                        "a negotiation with a concluded " + "agreement cannot be " + what
                                + "; retract the agreement if it was recorded in error",
                        null)
                : null;
    }
}
