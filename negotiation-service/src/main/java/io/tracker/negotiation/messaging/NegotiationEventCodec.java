package io.tracker.negotiation.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.UnknownEventException;
import io.tracker.core.store.EncodedEvent;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/**
 * The published form of negotiation events: stream type {@code negotiation}, a stable type name per event
 * ({@code MouSigned}, never a Java class name), an explicit schema version per type (1, FactCorrected 2), JSON
 * written from the wire records in {@code messaging.wire}. Older versions still stored or on the topic are
 * read through the {@link Upcaster}. {@code occurredOn} is the business date text of the fact. A plain class with its
 * own ObjectMapper (lenient about unknown properties when reading), usable with or without CDI.
 */
@ApplicationScoped
public class NegotiationEventCodec implements EventCodec<NegotiationEvent> {
    public static final String STREAM_TYPE = "negotiation";
    /** The schema version most types are written at. */
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The stable, published type name of a kind of event. */
    public static String typeName(Kind kind) {
        return switch (kind) {
            case NEGOTIATION_OPENED -> "NegotiationOpened";
            case LEADERS_MET -> "LeadersMet";
            case TALKS_HELD -> "TalksHeld";
            case MOU_SIGNED -> "MouSigned";
            case COMMITTEE_FORMED -> "CommitteeFormed";
            case FORUM_ESTABLISHED -> "ForumEstablished";
            case TRADE_MISSION_ANNOUNCED -> "TradeMissionAnnounced";
            case TRADE_MISSION_COMPLETED -> "TradeMissionCompleted";
            case AGREEMENT_CONCLUDED -> "AgreementConcluded";
            case NEGOTIATION_STALLED -> "NegotiationStalled";
            case NEGOTIATION_RESUMED -> "NegotiationResumed";
            case NEGOTIATION_TERMINATED -> "NegotiationTerminated";
            case FACT_CORRECTED -> "FactCorrected";
            case FACT_RETRACTED -> "FactRetracted";
            case INDICATOR_RECORDED -> "IndicatorRecorded";
            case INDICATOR_CORRECTED -> "IndicatorCorrected";
            case INDICATOR_RETRACTED -> "IndicatorRetracted";
            case CLAIM_RECORDED -> "ClaimRecorded";
            case CLAIM_RETRACTED -> "ClaimRetracted";
        };
    }

    /** The schema version events of a kind are written at now. */
    public static int schemaVersion(Kind kind) {
        return kind == Kind.FACT_CORRECTED ? 2 : SCHEMA_VERSION;
    }

    /** Every published type name. */
    public static List<String> typeNames() {
        return Arrays.stream(Kind.values()).map(NegotiationEventCodec::typeName).toList();
    }

    public static Optional<Kind> kindOf(String typeName) {
        return Arrays.stream(Kind.values())
                .filter(k -> typeName(k).equals(typeName))
                .findFirst();
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }

    @Override
    public EncodedEvent encode(NegotiationEvent event) {
        try {
            String json = mapper.writeValueAsString(NegotiationWireMapper.toWire(event));
            return new EncodedEvent(
                    typeName(event.kind()), schemaVersion(event.kind()), json, NegotiationWireMapper.occurredOn(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + typeName(event.kind()), e);
        }
    }

    @Override
    public NegotiationEvent decode(String type, int schemaVersion, String json) {
        Kind kind = kindOf(type).orElseThrow(() -> new UnknownEventException(type, schemaVersion));
        int current = schemaVersion(kind);
        if (schemaVersion < 1 || schemaVersion > current) {
            throw new UnknownEventException(type, schemaVersion);
        }
        try {
            Object wire = schemaVersion == current
                    ? mapper.readValue(json, NegotiationWireMapper.wireClass(kind))
                    : mapper.treeToValue(
                            Upcaster.upcast(type, schemaVersion, current, mapper.readTree(json)),
                            NegotiationWireMapper.wireClass(kind));
            return NegotiationWireMapper.toDomain(kind, wire);
        } catch (UnknownEventException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnknownEventException("cannot read " + type + " v" + schemaVersion + ": " + e.getMessage(), e);
        }
    }
}
