package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.present;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Rules;
import io.tracker.core.domain.Source;
import io.tracker.negotiation.domain.FullNegotiationState.RecordedFact;
import io.tracker.negotiation.domain.NegotiationCommand.AnnounceTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.CompleteTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.ConcludeAgreement;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.EstablishForum;
import io.tracker.negotiation.domain.NegotiationCommand.FormCommittee;
import io.tracker.negotiation.domain.NegotiationCommand.OpenNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RecordLeadersMeeting;
import io.tracker.negotiation.domain.NegotiationCommand.RecordTalks;
import io.tracker.negotiation.domain.NegotiationCommand.ResumeNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationCommand.SignMou;
import io.tracker.negotiation.domain.NegotiationCommand.StallNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.TerminateNegotiation;
import io.tracker.negotiation.domain.NegotiationEvent.AgreementConcluded;
import io.tracker.negotiation.domain.NegotiationEvent.CommitteeFormed;
import io.tracker.negotiation.domain.NegotiationEvent.FactCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.FactEvent;
import io.tracker.negotiation.domain.NegotiationEvent.FactRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.ForumEstablished;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;
import io.tracker.negotiation.domain.NegotiationEvent.LeadersMet;
import io.tracker.negotiation.domain.NegotiationEvent.MouSigned;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationOpened;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationResumed;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationStalled;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationTerminated;
import io.tracker.negotiation.domain.NegotiationEvent.TalksHeld;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionAnnounced;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionCompleted;

/** The decider as it was before the compact state (full facts in a copied TreeMap): the reference the compact one is checked against.
 *
 * The Negotiation aggregate. Rules (codes of RULE_VIOLATED rejections):
 * <ul>
 * <li>{@code negotiation-terminated}: after termination only corrections and retractions are accepted;</li>
 * <li>{@code committee-requires-mou}: a committee is formed under an MOU or agreement in force (an OCCURRED
 * committee under an OCCURRED one);</li>
 * <li>{@code signatory-per-party-required}, {@code participant-per-party-required} (leaders' meetings),
 * {@code participants-required} (talks);</li>
 * <li>{@code negotiation-already-stalled}, {@code negotiation-not-stalled}, {@code resume-before-stall},
 * {@code negotiation-concluded} (no stalling or terminating after an agreement),
 * {@code agreement-already-concluded};</li>
 * <li>{@code trade-mission-already-announced}, {@code trade-mission-not-announced},
 * {@code trade-mission-already-completed}, {@code completion-must-have-occurred};</li>
 * <li>{@code occurred-date-in-future}: what OCCURRED has begun by the command's {@code recordedOn};</li>
 * <li>corrections and retractions: {@code correction-target-not-found}, {@code correction-target-not-a-fact},
 * {@code fact-already-retracted}, {@code correction-changes-nothing}, {@code opening-cannot-be-retracted},
 * {@code fact-has-dependants} (the MOU under a committee, an announced mission that was completed);</li>
 * <li>values: {@code value-required}, {@code invalid-negotiation-id}, {@code invalid-mission-id},
 * {@code invalid-country-code}, {@code parties-required}, {@code duplicate-party}, {@code sources-required},
 * {@code invalid-source-url}, {@code duplicate-focus-area}.</li>
 * </ul>
 */
public final class FullNegotiationDecider
        implements Decider<NegotiationCommand, NegotiationEvent, FullNegotiationState> {

    @Override
    public FullNegotiationState initialState() {
        return FullNegotiationState.initial();
    }

    @Override
    public boolean createsStream(NegotiationCommand command) {
        return command.kind() == NegotiationCommand.Kind.OPEN_NEGOTIATION;
    }

    @Override
    public FullNegotiationState evolve(FullNegotiationState state, NegotiationEvent event) {
        FullNegotiationState next = state.counted();
        return switch (event.kind()) {
            case NEGOTIATION_OPENED -> {
                NegotiationOpened opened = (NegotiationOpened) event;
                yield next.withOpened(opened.negotiationId(), opened.parties()).withFact(opened);
            }
            case LEADERS_MET,
                    TALKS_HELD,
                    MOU_SIGNED,
                    COMMITTEE_FORMED,
                    FORUM_ESTABLISHED,
                    TRADE_MISSION_ANNOUNCED,
                    TRADE_MISSION_COMPLETED,
                    AGREEMENT_CONCLUDED -> next.withFact((FactEvent) event);
            case NEGOTIATION_STALLED -> next.withStalledSince(((NegotiationStalled) event).date());
            case NEGOTIATION_RESUMED -> next.withStalledSince(null);
            case NEGOTIATION_TERMINATED -> next.withTerminated();
            case FACT_CORRECTED -> {
                FactCorrected corrected = (FactCorrected) event;
                yield next.fact(corrected.targetVersion())
                        .map(f -> next.withRecordedFact(
                                new RecordedFact(f.version(), f.event(), corrected.corrected(), f.retracted())))
                        .orElse(next);
            }
            case FACT_RETRACTED ->
                next.fact(((FactRetracted) event).targetVersion())
                        .map(f -> next.withRecordedFact(new RecordedFact(f.version(), f.event(), f.current(), true)))
                        .orElse(next);
            // indicators and claims: not part of this reference model of the facts (the property test sends none)
            case INDICATOR_RECORDED, INDICATOR_CORRECTED, INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED -> next;
        };
    }

    @Override
    public Decision<NegotiationEvent> decide(NegotiationCommand command, FullNegotiationState state) {
        boolean opening = createsStream(command);
        if (opening && state.exists()) {
            return Decision.reject(
                    DomainError.Kind.ALREADY_EXISTS,
                    "negotiation-already-exists",
                    "negotiation " + state.negotiationId() + " already exists",
                    "negotiationId");
        }
        if (!opening && !state.exists()) {
            return Decision.reject(
                    DomainError.Kind.NOT_FOUND,
                    "negotiation-not-found",
                    "no negotiation " + command.negotiationId(),
                    "negotiationId");
        }
        return switch (command.kind()) {
            case OPEN_NEGOTIATION -> open((OpenNegotiation) command);
            case RECORD_LEADERS_MEETING -> leadersMeeting((RecordLeadersMeeting) command, state);
            case RECORD_TALKS -> talks((RecordTalks) command, state);
            case SIGN_MOU -> signMou((SignMou) command, state);
            case FORM_COMMITTEE -> formCommittee((FormCommittee) command, state);
            case ESTABLISH_FORUM -> establishForum((EstablishForum) command, state);
            case ANNOUNCE_TRADE_MISSION -> announceTradeMission((AnnounceTradeMission) command, state);
            case COMPLETE_TRADE_MISSION -> completeTradeMission((CompleteTradeMission) command, state);
            case CONCLUDE_AGREEMENT -> concludeAgreement((ConcludeAgreement) command, state);
            case STALL_NEGOTIATION -> stall((StallNegotiation) command, state);
            case RESUME_NEGOTIATION -> resume((ResumeNegotiation) command, state);
            case TERMINATE_NEGOTIATION -> terminate((TerminateNegotiation) command, state);
            case CORRECT_FACT -> correct((CorrectFact) command, state);
            case RETRACT_FACT -> retract((RetractFact) command, state);
            case RECORD_INDICATOR, CORRECT_INDICATOR, RETRACT_INDICATOR, RECORD_CLAIM, RETRACT_CLAIM ->
                throw new UnsupportedOperationException("not part of the reference model: " + command.kind());
        };
    }

    private Decision<NegotiationEvent> open(OpenNegotiation c) {
        return Rules.check(() -> FactRules.slug(c.negotiationId(), "negotiationId", "invalid-negotiation-id"))
                .and(() -> required(c.title(), "title"))
                .and(() -> FactRules.parties(c.parties()))
                .and(() -> required(c.description(), "description"))
                .and(() -> FactRules.fact(c.fact(), "", c.recordedOn()))
                .accept(() ->
                        new NegotiationOpened(c.negotiationId(), c.fact(), c.title(), c.parties(), c.description()));
    }

    private Decision<NegotiationEvent> leadersMeeting(RecordLeadersMeeting c, FullNegotiationState s) {
        return recording(s, Kind.LEADERS_MET, c.fact(), c.recordedOn())
                .accept(() -> new LeadersMet(c.negotiationId(), c.fact(), c.summary()));
    }

    private Decision<NegotiationEvent> talks(RecordTalks c, FullNegotiationState s) {
        return recording(s, Kind.TALKS_HELD, c.fact(), c.recordedOn())
                .and(() -> present(c.level(), "level"))
                .accept(() -> new TalksHeld(c.negotiationId(), c.fact(), c.level(), c.summary()));
    }

    private Decision<NegotiationEvent> signMou(SignMou c, FullNegotiationState s) {
        return recording(s, Kind.MOU_SIGNED, c.fact(), c.recordedOn())
                .and(() -> required(c.title(), "title"))
                .and(() -> FactRules.participants(c.signatories(), "signatories"))
                .and(() -> FactRules.onePerParty(
                        c.signatories(),
                        s.parties(),
                        "signatories",
                        "signatory-per-party-required",
                        "an MOU names at least one signatory of every party"))
                .accept(() -> new MouSigned(c.negotiationId(), c.fact(), c.title(), c.signatories()));
    }

    private Decision<NegotiationEvent> formCommittee(FormCommittee c, FullNegotiationState s) {
        return recording(s, Kind.COMMITTEE_FORMED, c.fact(), c.recordedOn())
                .and(() -> required(c.name(), "name"))
                .and(() -> s.hasMouOrAgreement(c.fact().status() == FactStatus.OCCURRED)
                        ? null
                        : violation(
                                "committee-requires-mou",
                                "a committee is formed under an MOU or agreement: "
                                        + "record the MOU first (an OCCURRED committee needs an MOU that occurred)",
                                null))
                .accept(() -> new CommitteeFormed(c.negotiationId(), c.fact(), c.name(), c.mandate()));
    }

    private Decision<NegotiationEvent> establishForum(EstablishForum c, FullNegotiationState s) {
        return recording(s, Kind.FORUM_ESTABLISHED, c.fact(), c.recordedOn())
                .and(() -> required(c.name(), "name"))
                .accept(() -> new ForumEstablished(c.negotiationId(), c.fact(), c.name(), c.purpose()));
    }

    private Decision<NegotiationEvent> announceTradeMission(AnnounceTradeMission c, FullNegotiationState s) {
        return recording(s, Kind.TRADE_MISSION_ANNOUNCED, c.fact(), c.recordedOn())
                .and(() -> FactRules.slug(c.missionId(), "missionId", "invalid-mission-id"))
                .and(() -> required(c.title(), "title"))
                .and(() -> s.missionAnnounced(c.missionId())
                        ? violation(
                                "trade-mission-already-announced",
                                "trade mission " + c.missionId() + " was already announced; correct that fact instead",
                                "missionId")
                        : null)
                .accept(() -> new TradeMissionAnnounced(c.negotiationId(), c.fact(), c.missionId(), c.title()));
    }

    private Decision<NegotiationEvent> completeTradeMission(CompleteTradeMission c, FullNegotiationState s) {
        return recording(s, Kind.TRADE_MISSION_COMPLETED, c.fact(), c.recordedOn())
                .and(() -> FactRules.slug(c.missionId(), "missionId", "invalid-mission-id"))
                .and(() -> s.missionAnnounced(c.missionId())
                        ? null
                        : violation(
                                "trade-mission-not-announced",
                                "trade mission " + c.missionId()
                                        + " was never announced: record its announcement first",
                                "missionId"))
                .and(() -> s.missionCompleted(c.missionId())
                        ? violation(
                                "trade-mission-already-completed",
                                "trade mission " + c.missionId() + " is already completed",
                                "missionId")
                        : null)
                .accept(() -> new TradeMissionCompleted(c.negotiationId(), c.fact(), c.missionId(), c.outcome()));
    }

    private Decision<NegotiationEvent> concludeAgreement(ConcludeAgreement c, FullNegotiationState s) {
        return recording(s, Kind.AGREEMENT_CONCLUDED, c.fact(), c.recordedOn())
                .and(() -> required(c.title(), "title"))
                .and(() -> s.agreementConcluded()
                        ? violation(
                                "agreement-already-concluded",
                                "an agreement is already concluded; correct or " + "retract it instead",
                                null)
                        : null)
                .accept(() -> new AgreementConcluded(c.negotiationId(), c.fact(), c.title(), c.summary()));
    }

    private Decision<NegotiationEvent> stall(StallNegotiation c, FullNegotiationState s) {
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

    private Decision<NegotiationEvent> resume(ResumeNegotiation c, FullNegotiationState s) {
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

    private Decision<NegotiationEvent> terminate(TerminateNegotiation c, FullNegotiationState s) {
        return Rules.check(() -> notTerminated(s))
                .and(() -> notConcluded(s, "terminated"))
                .and(() -> statusChange(c.date(), c.reason(), c.sources(), c.recordedOn()))
                .accept(() -> new NegotiationTerminated(c.negotiationId(), c.date(), c.reason(), c.sources()));
    }

    private Decision<NegotiationEvent> correct(CorrectFact c, FullNegotiationState s) {
        return Rules.check(() -> correctable(s, c.targetVersion()))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> FactRules.fact(c.corrected(), "corrected.", c.recordedOn()))
                .and(() -> FactRules.forKind(target(s, c).kind(), c.corrected(), s.parties(), "corrected."))
                .and(() -> c.corrected().equals(target(s, c).current())
                        ? violation(
                                "correction-changes-nothing",
                                "the corrected fact equals the fact at version " + c.targetVersion(),
                                "corrected")
                        : null)
                .accept(() -> new FactCorrected(c.negotiationId(), c.targetVersion(), c.corrected(), c.reason()));
    }

    private Decision<NegotiationEvent> retract(RetractFact c, FullNegotiationState s) {
        return Rules.check(() -> correctable(s, c.targetVersion()))
                .and(() -> s.facts().get(c.targetVersion()).kind() == Kind.NEGOTIATION_OPENED
                        ? violation(
                                "opening-cannot-be-retracted",
                                "the opening of a negotiation cannot be "
                                        + "retracted: correct it, or terminate the negotiation",
                                "targetVersion")
                        : null)
                .and(() -> dependants(s, s.facts().get(c.targetVersion())))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> FactRules.sources(c.sources(), "sources", false))
                .accept(() -> new FactRetracted(c.negotiationId(), c.targetVersion(), c.reason(), c.sources()));
    }

    /** Common checks of a command that records a fact of the given kind. */
    private static Rules recording(FullNegotiationState s, Kind kind, Fact fact, LocalDate recordedOn) {
        return Rules.check(() -> notTerminated(s))
                .and(() -> FactRules.fact(fact, "", recordedOn))
                .and(() -> FactRules.forKind(kind, fact, s.parties(), ""));
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

    private static DomainError notTerminated(FullNegotiationState s) {
        return s.terminated()
                ? violation(
                        "negotiation-terminated",
                        "the negotiation is terminated: only " + "corrections and retractions can be recorded",
                        null)
                : null;
    }

    private static DomainError notConcluded(FullNegotiationState s, String what) {
        return s.agreementConcluded()
                ? violation(
                        "negotiation-concluded",
                        "a negotiation with a concluded " + "agreement cannot be " + what
                                + "; retract the agreement if it was recorded in error",
                        null)
                : null;
    }

    private static DomainError correctable(FullNegotiationState s, long version) {
        if (version < 1 || version > s.version()) {
            return violation(
                    "correction-target-not-found",
                    "there is no event at version " + version + " (the stream is at version " + s.version() + ")",
                    "targetVersion");
        }
        RecordedFact fact = s.facts().get(version);
        if (fact == null) {
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
    private static DomainError dependants(FullNegotiationState s, RecordedFact target) {
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
        if (target.event() instanceof TradeMissionAnnounced announced && s.missionCompleted(announced.missionId())) {
            return violation(
                    "fact-has-dependants",
                    "trade mission " + announced.missionId() + " is recorded as "
                            + "completed: retract the completion first",
                    "targetVersion");
        }
        return null;
    }

    private static RecordedFact target(FullNegotiationState s, CorrectFact c) {
        return s.facts().get(c.targetVersion());
    }
}
