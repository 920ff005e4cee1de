package io.tracker.projection.messaging;

import static io.tracker.projection.messaging.WireFields.date;
import static io.tracker.projection.messaging.WireFields.map;
import static io.tracker.projection.messaging.WireFields.required;
import static io.tracker.projection.messaging.WireFields.sources;
import static io.tracker.projection.messaging.WireFields.status;
import static io.tracker.projection.messaging.WireFields.version;

import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.NegotiationCorrection;
import io.tracker.projection.domain.NegotiationFact;
import io.tracker.projection.domain.Participant;
import io.tracker.projection.domain.Place;
import io.tracker.projection.domain.Retraction;
import io.tracker.projection.domain.StatusChange;
import io.tracker.projection.messaging.wire.NegotiationEventData;
import io.tracker.projection.messaging.wire.WireValues.FactJson;

/**
 * Reads the data of an event of the negotiation topic (other than an indicator or claim) into its domain body:
 * a fact, a status change, a correction or a retraction (part of {@link EventDecoder}).
 */
final class NegotiationDecoder {
    private NegotiationDecoder() {}

    static EventBody decode(EventType type, NegotiationEventData d) {
        switch (type) {
            case NEGOTIATION_OPENED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), d.description(), null, d.parties(), null);
            case LEADERS_MET:
                return new NegotiationFact(fact(d.fact(), "fact"), null, d.summary(), null, null, null);
            case TALKS_HELD:
                return new NegotiationFact(fact(d.fact(), "fact"), d.level(), d.summary(), null, null, null);
            case MOU_SIGNED:
                return new NegotiationFact(
                        fact(d.fact(), "fact"),
                        d.title(),
                        null,
                        null,
                        null,
                        map(d.signatories(), p -> new Participant(p.name(), p.role(), p.country())));
            case COMMITTEE_FORMED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.name(), d.mandate(), null, null, null);
            case FORUM_ESTABLISHED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.name(), d.purpose(), null, null, null);
            case TRADE_MISSION_ANNOUNCED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), null, d.missionId(), null, null);
            case TRADE_MISSION_COMPLETED:
                return new NegotiationFact(fact(d.fact(), "fact"), null, d.outcome(), d.missionId(), null, null);
            case AGREEMENT_CONCLUDED:
                return new NegotiationFact(fact(d.fact(), "fact"), d.title(), d.summary(), null, null, null);
            case NEGOTIATION_STALLED:
            case NEGOTIATION_RESUMED:
            case NEGOTIATION_TERMINATED:
                return new StatusChange(date(d.date(), "date"), d.reason(), sources(d.sources()));
            case FACT_CORRECTED:
                return new NegotiationCorrection(
                        version(d.correctsVersion(), "correctsVersion"), fact(d.corrected(), "corrected"), d.reason());
            case FACT_RETRACTED:
                return new Retraction(version(d.targetVersion(), "targetVersion"), d.reason(), sources(d.sources()));
            default:
                throw new IllegalArgumentException("not a negotiation event");
        }
    }

    private static FactDetails fact(FactJson f, String field) {
        required(f, field);
        return new FactDetails(
                date(f.date(), field + ".date"),
                status(f.status(), field + ".status"),
                map(f.participants(), p -> new Participant(p.name(), p.role(), p.country())),
                f.place() == null ? null : new Place(f.place().city(), f.place().country()),
                f.focusAreas(),
                sources(f.sources()));
    }
}
