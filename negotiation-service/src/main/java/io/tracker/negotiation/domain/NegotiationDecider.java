package io.tracker.negotiation.domain;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.NegotiationCommand.AnnounceTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.CompleteTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.ConcludeAgreement;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectFact;
import io.tracker.negotiation.domain.NegotiationCommand.CorrectIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.EstablishForum;
import io.tracker.negotiation.domain.NegotiationCommand.FormCommittee;
import io.tracker.negotiation.domain.NegotiationCommand.OpenNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RecordClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RecordIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.RecordLeadersMeeting;
import io.tracker.negotiation.domain.NegotiationCommand.RecordTalks;
import io.tracker.negotiation.domain.NegotiationCommand.ResumeNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RetractClaim;
import io.tracker.negotiation.domain.NegotiationCommand.RetractFact;
import io.tracker.negotiation.domain.NegotiationCommand.RetractIndicator;
import io.tracker.negotiation.domain.NegotiationCommand.SignMou;
import io.tracker.negotiation.domain.NegotiationCommand.StallNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.TerminateNegotiation;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.ClaimRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.FactCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.FactEvent;
import io.tracker.negotiation.domain.NegotiationEvent.FactRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRecorded;
import io.tracker.negotiation.domain.NegotiationEvent.IndicatorRetracted;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationOpened;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationStalled;

/**
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
 * {@code invalid-source-url}, {@code duplicate-focus-area};</li>
 * <li>indicators and claims: see {@link FigureDecisions} (a fact's correction or retraction refuses them with
 * {@code correction-target-not-a-fact}).</li>
 * </ul>
 * {@code decide} checks that the negotiation exists (or not, for the opening) and hands the command to the rules of
 * its group: {@link FactDecisions} (the commands that record a fact), {@link StatusDecisions} (stall, resume,
 * terminate), {@link CorrectionDecisions} (a fact's correction and retraction), {@link FigureDecisions} (indicators
 * and claims).
 */
public final class NegotiationDecider implements Decider<NegotiationCommand, NegotiationEvent, NegotiationState> {

    @Override
    public NegotiationState initialState() {
        return NegotiationState.initial();
    }

    @Override
    public boolean createsStream(NegotiationCommand command) {
        return command.kind() == NegotiationCommand.Kind.OPEN_NEGOTIATION;
    }

    @Override
    public NegotiationState evolve(NegotiationState state, NegotiationEvent event) {
        NegotiationState next = state.counted();
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
                        .map(f -> next.withSummary(new FactSummary(
                                f.version(),
                                f.kind(),
                                corrected.corrected().status() == FactStatus.OCCURRED,
                                f.retracted(),
                                f.missionId(),
                                FactDigest.of(corrected.corrected()))))
                        .orElse(next);
            }
            case FACT_RETRACTED -> retracted(next, ((FactRetracted) event).targetVersion());
            case INDICATOR_RECORDED ->
                next.withSummary(new FactSummary(
                        next.version(),
                        Kind.INDICATOR_RECORDED,
                        false,
                        false,
                        null,
                        FactDigest.of(((IndicatorRecorded) event).indicator())));
            case INDICATOR_CORRECTED -> {
                IndicatorCorrected corrected = (IndicatorCorrected) event;
                yield next.fact(corrected.targetVersion())
                        .map(f -> next.withSummary(new FactSummary(
                                f.version(),
                                f.kind(),
                                false,
                                f.retracted(),
                                null,
                                FactDigest.of(corrected.corrected()))))
                        .orElse(next);
            }
            case INDICATOR_RETRACTED -> retracted(next, ((IndicatorRetracted) event).targetVersion());
            case CLAIM_RECORDED ->
                next.withSummary(new FactSummary(
                        next.version(),
                        Kind.CLAIM_RECORDED,
                        false,
                        false,
                        null,
                        FactDigest.of(((ClaimRecorded) event).claim())));
            case CLAIM_RETRACTED -> retracted(next, ((ClaimRetracted) event).targetVersion());
        };
    }

    private static NegotiationState retracted(NegotiationState next, long targetVersion) {
        return next.fact(targetVersion)
                .map(f -> next.withSummary(
                        new FactSummary(f.version(), f.kind(), f.occurred(), true, f.missionId(), f.digest())))
                .orElse(next);
    }

    @Override
    public Decision<NegotiationEvent> decide(NegotiationCommand command, NegotiationState state) {
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
            case OPEN_NEGOTIATION -> FactDecisions.open((OpenNegotiation) command);
            case RECORD_LEADERS_MEETING -> FactDecisions.leadersMeeting((RecordLeadersMeeting) command, state);
            case RECORD_TALKS -> FactDecisions.talks((RecordTalks) command, state);
            case SIGN_MOU -> FactDecisions.signMou((SignMou) command, state);
            case FORM_COMMITTEE -> FactDecisions.formCommittee((FormCommittee) command, state);
            case ESTABLISH_FORUM -> FactDecisions.establishForum((EstablishForum) command, state);
            case ANNOUNCE_TRADE_MISSION -> FactDecisions.announceTradeMission((AnnounceTradeMission) command, state);
            case COMPLETE_TRADE_MISSION -> FactDecisions.completeTradeMission((CompleteTradeMission) command, state);
            case CONCLUDE_AGREEMENT -> FactDecisions.concludeAgreement((ConcludeAgreement) command, state);
            case STALL_NEGOTIATION -> StatusDecisions.stall((StallNegotiation) command, state);
            case RESUME_NEGOTIATION -> StatusDecisions.resume((ResumeNegotiation) command, state);
            case TERMINATE_NEGOTIATION -> StatusDecisions.terminate((TerminateNegotiation) command, state);
            case CORRECT_FACT -> CorrectionDecisions.correct((CorrectFact) command, state);
            case RETRACT_FACT -> CorrectionDecisions.retract((RetractFact) command, state);
            case RECORD_INDICATOR -> FigureDecisions.record((RecordIndicator) command, state);
            case CORRECT_INDICATOR -> FigureDecisions.correct((CorrectIndicator) command, state);
            case RETRACT_INDICATOR -> FigureDecisions.retract((RetractIndicator) command, state);
            case RECORD_CLAIM -> FigureDecisions.record((RecordClaim) command, state);
            case RETRACT_CLAIM -> FigureDecisions.retract((RetractClaim) command, state);
        };
    }
}
