package io.tracker.negotiation.api;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.api.Fields;
import io.tracker.core.api.SourceRequest;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.negotiation.api.request.FigureRequests;
import io.tracker.negotiation.api.request.ParticipantRequest;
import io.tracker.negotiation.api.request.Requests;
import io.tracker.negotiation.domain.NegotiationCommand;

/** Request bodies to domain commands; {@code today} is the service's clock, kept out of the decider. */
final class CommandMapper {
    private CommandMapper() {}

    static NegotiationCommand open(Requests.OpenNegotiation r, LocalDate today) {
        return new NegotiationCommand.OpenNegotiation(
                r.id(), r.fact().toDomain("fact", today), r.title(), r.parties(), r.description(), today);
    }

    static NegotiationCommand leaders(String id, Requests.LeadersMeeting r, LocalDate today) {
        return new NegotiationCommand.RecordLeadersMeeting(id, r.fact().toDomain("fact", today), r.summary(), today);
    }

    static NegotiationCommand talks(String id, Requests.Talks r, LocalDate today) {
        return new NegotiationCommand.RecordTalks(id, r.fact().toDomain("fact", today), r.level(), r.summary(), today);
    }

    static NegotiationCommand mou(String id, Requests.Mou r, LocalDate today) {
        return new NegotiationCommand.SignMou(
                id,
                r.fact().toDomain("fact", today),
                r.title(),
                r.signatories().stream().map(ParticipantRequest::toDomain).toList(),
                today);
    }

    static NegotiationCommand committee(String id, Requests.Committee r, LocalDate today) {
        return new NegotiationCommand.FormCommittee(id, r.fact().toDomain("fact", today), r.name(), r.mandate(), today);
    }

    static NegotiationCommand forum(String id, Requests.Forum r, LocalDate today) {
        return new NegotiationCommand.EstablishForum(
                id, r.fact().toDomain("fact", today), r.name(), r.purpose(), today);
    }

    static NegotiationCommand mission(String id, Requests.TradeMission r, LocalDate today) {
        return new NegotiationCommand.AnnounceTradeMission(
                id, r.fact().toDomain("fact", today), r.missionId(), r.title(), today);
    }

    static NegotiationCommand missionCompleted(
            String id, String missionId, Requests.TradeMissionCompletion r, LocalDate today) {
        return new NegotiationCommand.CompleteTradeMission(
                id, r.fact().toDomain("fact", today), missionId, r.outcome(), today);
    }

    static NegotiationCommand agreement(String id, Requests.Agreement r, LocalDate today) {
        return new NegotiationCommand.ConcludeAgreement(
                id, r.fact().toDomain("fact", today), r.title(), r.summary(), today);
    }

    static NegotiationCommand stall(String id, Requests.StatusChange r, LocalDate today) {
        return new NegotiationCommand.StallNegotiation(
                id, Fields.date("date", r.date(), FactStatus.OCCURRED, today), r.reason(), sources(r.sources()), today);
    }

    static NegotiationCommand resume(String id, Requests.StatusChange r, LocalDate today) {
        return new NegotiationCommand.ResumeNegotiation(
                id, Fields.date("date", r.date(), FactStatus.OCCURRED, today), r.reason(), sources(r.sources()), today);
    }

    static NegotiationCommand terminate(String id, Requests.StatusChange r, LocalDate today) {
        return new NegotiationCommand.TerminateNegotiation(
                id, Fields.date("date", r.date(), FactStatus.OCCURRED, today), r.reason(), sources(r.sources()), today);
    }

    static NegotiationCommand correct(String id, Requests.Correction r, LocalDate today) {
        return new NegotiationCommand.CorrectFact(
                id, r.targetVersion(), r.corrected().toDomain("corrected", today), r.reason(), today);
    }

    static NegotiationCommand retract(String id, Requests.Retraction r) {
        return new NegotiationCommand.RetractFact(id, r.targetVersion(), r.reason(), sources(r.sources()));
    }

    static NegotiationCommand indicator(String id, FigureRequests.RecordIndicator r, LocalDate today) {
        return new NegotiationCommand.RecordIndicator(id, r.indicator().toDomain("indicator", today), today);
    }

    static NegotiationCommand correctIndicator(String id, FigureRequests.IndicatorCorrection r, LocalDate today) {
        return new NegotiationCommand.CorrectIndicator(
                id, r.targetVersion(), r.corrected().toDomain("corrected", today), r.reason(), today);
    }

    static NegotiationCommand retractIndicator(String id, FigureRequests.FigureRetraction r) {
        return new NegotiationCommand.RetractIndicator(id, r.targetVersion(), r.reason());
    }

    static NegotiationCommand claim(String id, FigureRequests.RecordClaim r, LocalDate today) {
        return new NegotiationCommand.RecordClaim(id, r.toDomain(today), today);
    }

    static NegotiationCommand retractClaim(String id, FigureRequests.FigureRetraction r) {
        return new NegotiationCommand.RetractClaim(id, r.targetVersion(), r.reason());
    }

    private static List<Source> sources(List<SourceRequest> sources) {
        return sources.stream().map(SourceRequest::toDomain).toList();
    }
}
