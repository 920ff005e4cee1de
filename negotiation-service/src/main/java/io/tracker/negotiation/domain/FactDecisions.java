package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.present;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.time.LocalDate;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Rules;
import io.tracker.negotiation.domain.NegotiationCommand.AnnounceTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.CompleteTradeMission;
import io.tracker.negotiation.domain.NegotiationCommand.ConcludeAgreement;
import io.tracker.negotiation.domain.NegotiationCommand.EstablishForum;
import io.tracker.negotiation.domain.NegotiationCommand.FormCommittee;
import io.tracker.negotiation.domain.NegotiationCommand.OpenNegotiation;
import io.tracker.negotiation.domain.NegotiationCommand.RecordLeadersMeeting;
import io.tracker.negotiation.domain.NegotiationCommand.RecordTalks;
import io.tracker.negotiation.domain.NegotiationCommand.SignMou;
import io.tracker.negotiation.domain.NegotiationEvent.AgreementConcluded;
import io.tracker.negotiation.domain.NegotiationEvent.CommitteeFormed;
import io.tracker.negotiation.domain.NegotiationEvent.ForumEstablished;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;
import io.tracker.negotiation.domain.NegotiationEvent.LeadersMet;
import io.tracker.negotiation.domain.NegotiationEvent.MouSigned;
import io.tracker.negotiation.domain.NegotiationEvent.NegotiationOpened;
import io.tracker.negotiation.domain.NegotiationEvent.TalksHeld;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionAnnounced;
import io.tracker.negotiation.domain.NegotiationEvent.TradeMissionCompleted;

/**
 * The decisions on the commands that record a fact (part of {@link NegotiationDecider}): the opening, leaders'
 * meetings, talks, an MOU, a committee, a forum, a trade mission's announcement and completion, an agreement.
 */
final class FactDecisions {
    private FactDecisions() {}

    static Decision<NegotiationEvent> open(OpenNegotiation c) {
        return Rules.check(() -> FactRules.slug(c.negotiationId(), "negotiationId", "invalid-negotiation-id"))
                .and(() -> required(c.title(), "title"))
                .and(() -> FactRules.parties(c.parties()))
                .and(() -> required(c.description(), "description"))
                .and(() -> FactRules.fact(c.fact(), "", c.recordedOn()))
                .accept(() ->
                        new NegotiationOpened(c.negotiationId(), c.fact(), c.title(), c.parties(), c.description()));
    }

    static Decision<NegotiationEvent> leadersMeeting(RecordLeadersMeeting c, NegotiationState s) {
        return recording(s, Kind.LEADERS_MET, c.fact(), c.recordedOn())
                .accept(() -> new LeadersMet(c.negotiationId(), c.fact(), c.summary()));
    }

    static Decision<NegotiationEvent> talks(RecordTalks c, NegotiationState s) {
        return recording(s, Kind.TALKS_HELD, c.fact(), c.recordedOn())
                .and(() -> present(c.level(), "level"))
                .accept(() -> new TalksHeld(c.negotiationId(), c.fact(), c.level(), c.summary()));
    }

    static Decision<NegotiationEvent> signMou(SignMou c, NegotiationState s) {
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

    static Decision<NegotiationEvent> formCommittee(FormCommittee c, NegotiationState s) {
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

    static Decision<NegotiationEvent> establishForum(EstablishForum c, NegotiationState s) {
        return recording(s, Kind.FORUM_ESTABLISHED, c.fact(), c.recordedOn())
                .and(() -> required(c.name(), "name"))
                .accept(() -> new ForumEstablished(c.negotiationId(), c.fact(), c.name(), c.purpose()));
    }

    static Decision<NegotiationEvent> announceTradeMission(AnnounceTradeMission c, NegotiationState s) {
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

    static Decision<NegotiationEvent> completeTradeMission(CompleteTradeMission c, NegotiationState s) {
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

    static Decision<NegotiationEvent> concludeAgreement(ConcludeAgreement c, NegotiationState s) {
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

    /** Common checks of a command that records a fact of the given kind. */
    private static Rules recording(NegotiationState s, Kind kind, Fact fact, LocalDate recordedOn) {
        return Rules.check(() -> StatusDecisions.notTerminated(s))
                .and(() -> FactRules.fact(fact, "", recordedOn))
                .and(() -> FactRules.forKind(kind, fact, s.parties(), ""));
    }
}
