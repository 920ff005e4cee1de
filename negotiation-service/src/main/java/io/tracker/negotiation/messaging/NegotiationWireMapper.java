package io.tracker.negotiation.messaging;

import static io.tracker.negotiation.messaging.WireValues.domain;
import static io.tracker.negotiation.messaging.WireValues.map;
import static io.tracker.negotiation.messaging.WireValues.sources;
import static io.tracker.negotiation.messaging.WireValues.sourcesToDomain;
import static io.tracker.negotiation.messaging.WireValues.wire;

import io.tracker.negotiation.domain.NegotiationEvent;
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
import io.tracker.negotiation.domain.TalksLevel;
import io.tracker.negotiation.messaging.wire.NegotiationEventsV1;
import io.tracker.negotiation.messaging.wire.NegotiationEventsV1.StatusChange;
import io.tracker.negotiation.messaging.wire.NegotiationEventsV2;

/** Maps each negotiation event to the wire record of its current schema version and back, by the event's kind. */
final class NegotiationWireMapper {
    private NegotiationWireMapper() {}

    /** The wire record class of a kind at its current schema version. */
    static Class<?> wireClass(Kind kind) {
        return switch (kind) {
            case NEGOTIATION_OPENED -> NegotiationEventsV1.NegotiationOpened.class;
            case LEADERS_MET -> NegotiationEventsV1.LeadersMet.class;
            case TALKS_HELD -> NegotiationEventsV1.TalksHeld.class;
            case MOU_SIGNED -> NegotiationEventsV1.MouSigned.class;
            case COMMITTEE_FORMED -> NegotiationEventsV1.CommitteeFormed.class;
            case FORUM_ESTABLISHED -> NegotiationEventsV1.ForumEstablished.class;
            case TRADE_MISSION_ANNOUNCED -> NegotiationEventsV1.TradeMissionAnnounced.class;
            case TRADE_MISSION_COMPLETED -> NegotiationEventsV1.TradeMissionCompleted.class;
            case AGREEMENT_CONCLUDED -> NegotiationEventsV1.AgreementConcluded.class;
            case NEGOTIATION_STALLED, NEGOTIATION_RESUMED, NEGOTIATION_TERMINATED -> StatusChange.class;
            case FACT_CORRECTED -> NegotiationEventsV2.FactCorrected.class;
            case FACT_RETRACTED -> NegotiationEventsV1.FactRetracted.class;
            case INDICATOR_RECORDED, INDICATOR_CORRECTED, INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED ->
                FigureWireMapper.wireClass(kind);
        };
    }

    static Object toWire(NegotiationEvent event) {
        return switch (event.kind()) {
            case NEGOTIATION_OPENED -> {
                NegotiationOpened e = (NegotiationOpened) event;
                yield new NegotiationEventsV1.NegotiationOpened(
                        e.negotiationId(), wire(e.fact()), e.title(), e.parties(), e.description());
            }
            case LEADERS_MET -> {
                LeadersMet e = (LeadersMet) event;
                yield new NegotiationEventsV1.LeadersMet(e.negotiationId(), wire(e.fact()), e.summary());
            }
            case TALKS_HELD -> {
                TalksHeld e = (TalksHeld) event;
                yield new NegotiationEventsV1.TalksHeld(
                        e.negotiationId(), wire(e.fact()), e.level().name(), e.summary());
            }
            case MOU_SIGNED -> {
                MouSigned e = (MouSigned) event;
                yield new NegotiationEventsV1.MouSigned(
                        e.negotiationId(), wire(e.fact()), e.title(), map(e.signatories(), WireValues::wire));
            }
            case COMMITTEE_FORMED -> {
                CommitteeFormed e = (CommitteeFormed) event;
                yield new NegotiationEventsV1.CommitteeFormed(e.negotiationId(), wire(e.fact()), e.name(), e.mandate());
            }
            case FORUM_ESTABLISHED -> {
                ForumEstablished e = (ForumEstablished) event;
                yield new NegotiationEventsV1.ForumEstablished(
                        e.negotiationId(), wire(e.fact()), e.name(), e.purpose());
            }
            case TRADE_MISSION_ANNOUNCED -> {
                TradeMissionAnnounced e = (TradeMissionAnnounced) event;
                yield new NegotiationEventsV1.TradeMissionAnnounced(
                        e.negotiationId(), wire(e.fact()), e.missionId(), e.title());
            }
            case TRADE_MISSION_COMPLETED -> {
                TradeMissionCompleted e = (TradeMissionCompleted) event;
                yield new NegotiationEventsV1.TradeMissionCompleted(
                        e.negotiationId(), wire(e.fact()), e.missionId(), e.outcome());
            }
            case AGREEMENT_CONCLUDED -> {
                AgreementConcluded e = (AgreementConcluded) event;
                yield new NegotiationEventsV1.AgreementConcluded(
                        e.negotiationId(), wire(e.fact()), e.title(), e.summary());
            }
            case NEGOTIATION_STALLED -> {
                NegotiationStalled e = (NegotiationStalled) event;
                yield new StatusChange(e.negotiationId(), wire(e.date()), e.reason(), sources(e.sources()));
            }
            case NEGOTIATION_RESUMED -> {
                NegotiationResumed e = (NegotiationResumed) event;
                yield new StatusChange(e.negotiationId(), wire(e.date()), e.reason(), sources(e.sources()));
            }
            case NEGOTIATION_TERMINATED -> {
                NegotiationTerminated e = (NegotiationTerminated) event;
                yield new StatusChange(e.negotiationId(), wire(e.date()), e.reason(), sources(e.sources()));
            }
            case FACT_CORRECTED -> {
                FactCorrected e = (FactCorrected) event;
                yield new NegotiationEventsV2.FactCorrected(
                        e.negotiationId(), e.targetVersion(), wire(e.corrected()), e.reason());
            }
            case FACT_RETRACTED -> {
                FactRetracted e = (FactRetracted) event;
                yield new NegotiationEventsV1.FactRetracted(
                        e.negotiationId(), e.targetVersion(), e.reason(), sources(e.sources()));
            }
            case INDICATOR_RECORDED, INDICATOR_CORRECTED, INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED ->
                FigureWireMapper.toWire(event);
        };
    }

    /** {@code wire} is an instance of {@link #wireClass(Kind)}. */
    static NegotiationEvent toDomain(Kind kind, Object wire) {
        return switch (kind) {
            case NEGOTIATION_OPENED -> {
                var w = (NegotiationEventsV1.NegotiationOpened) wire;
                yield new NegotiationOpened(
                        w.negotiationId(), domain(w.fact()), w.title(), w.parties(), w.description());
            }
            case LEADERS_MET -> {
                var w = (NegotiationEventsV1.LeadersMet) wire;
                yield new LeadersMet(w.negotiationId(), domain(w.fact()), w.summary());
            }
            case TALKS_HELD -> {
                var w = (NegotiationEventsV1.TalksHeld) wire;
                yield new TalksHeld(w.negotiationId(), domain(w.fact()), TalksLevel.valueOf(w.level()), w.summary());
            }
            case MOU_SIGNED -> {
                var w = (NegotiationEventsV1.MouSigned) wire;
                yield new MouSigned(
                        w.negotiationId(), domain(w.fact()), w.title(), map(w.signatories(), WireValues::domain));
            }
            case COMMITTEE_FORMED -> {
                var w = (NegotiationEventsV1.CommitteeFormed) wire;
                yield new CommitteeFormed(w.negotiationId(), domain(w.fact()), w.name(), w.mandate());
            }
            case FORUM_ESTABLISHED -> {
                var w = (NegotiationEventsV1.ForumEstablished) wire;
                yield new ForumEstablished(w.negotiationId(), domain(w.fact()), w.name(), w.purpose());
            }
            case TRADE_MISSION_ANNOUNCED -> {
                var w = (NegotiationEventsV1.TradeMissionAnnounced) wire;
                yield new TradeMissionAnnounced(w.negotiationId(), domain(w.fact()), w.missionId(), w.title());
            }
            case TRADE_MISSION_COMPLETED -> {
                var w = (NegotiationEventsV1.TradeMissionCompleted) wire;
                yield new TradeMissionCompleted(w.negotiationId(), domain(w.fact()), w.missionId(), w.outcome());
            }
            case AGREEMENT_CONCLUDED -> {
                var w = (NegotiationEventsV1.AgreementConcluded) wire;
                yield new AgreementConcluded(w.negotiationId(), domain(w.fact()), w.title(), w.summary());
            }
            case NEGOTIATION_STALLED -> {
                var w = (StatusChange) wire;
                yield new NegotiationStalled(
                        w.negotiationId(), domain(w.date()), w.reason(), sourcesToDomain(w.sources()));
            }
            case NEGOTIATION_RESUMED -> {
                var w = (StatusChange) wire;
                yield new NegotiationResumed(
                        w.negotiationId(), domain(w.date()), w.reason(), sourcesToDomain(w.sources()));
            }
            case NEGOTIATION_TERMINATED -> {
                var w = (StatusChange) wire;
                yield new NegotiationTerminated(
                        w.negotiationId(), domain(w.date()), w.reason(), sourcesToDomain(w.sources()));
            }
            case FACT_CORRECTED -> {
                var w = (NegotiationEventsV2.FactCorrected) wire;
                yield new FactCorrected(w.negotiationId(), w.correctsVersion(), domain(w.corrected()), w.reason());
            }
            case FACT_RETRACTED -> {
                var w = (NegotiationEventsV1.FactRetracted) wire;
                yield new FactRetracted(w.negotiationId(), w.targetVersion(), w.reason(), sourcesToDomain(w.sources()));
            }
            case INDICATOR_RECORDED, INDICATOR_CORRECTED, INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED ->
                FigureWireMapper.toDomain(kind, wire);
        };
    }

    /** The business date text of the fact an event is about; null for a retraction. */
    static String occurredOn(NegotiationEvent event) {
        return switch (event.kind()) {
            case NEGOTIATION_OPENED,
                    LEADERS_MET,
                    TALKS_HELD,
                    MOU_SIGNED,
                    COMMITTEE_FORMED,
                    FORUM_ESTABLISHED,
                    TRADE_MISSION_ANNOUNCED,
                    TRADE_MISSION_COMPLETED,
                    AGREEMENT_CONCLUDED -> ((FactEvent) event).fact().date().text();
            case NEGOTIATION_STALLED -> ((NegotiationStalled) event).date().text();
            case NEGOTIATION_RESUMED -> ((NegotiationResumed) event).date().text();
            case NEGOTIATION_TERMINATED ->
                ((NegotiationTerminated) event).date().text();
            case FACT_CORRECTED -> ((FactCorrected) event).corrected().date().text();
            case FACT_RETRACTED -> null;
            case INDICATOR_RECORDED, INDICATOR_CORRECTED, INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED ->
                FigureWireMapper.occurredOn(event);
        };
    }
}
