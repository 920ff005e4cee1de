package io.tracker.investment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.UnknownEventException;
import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.Fact;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactCorrected;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactRetracted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;
import io.tracker.investment.messaging.wire.InvestmentAnnouncedV1;
import io.tracker.investment.messaging.wire.InvestmentCommittedV1;
import io.tracker.investment.messaging.wire.InvestmentFactCorrectedV1;
import io.tracker.investment.messaging.wire.InvestmentFactRetractedV1;
import io.tracker.investment.messaging.wire.InvestmentMilestoneReachedV1;
import io.tracker.investment.messaging.wire.InvestmentRevisedV1;
import io.tracker.investment.messaging.wire.InvestmentWithdrawnV1;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The published contract of {@code tracker.investment.events}: type names are the event names, every type is
 * at schema version 1, {@code occurredOn} is the business date text of a fact (null for corrections and
 * retractions). The JSON shapes are in {@code META-INF/resources/contract/schemas}.
 */
@ApplicationScoped
public class InvestmentEventCodec implements EventCodec<InvestmentEvent> {
    public static final String STREAM_TYPE = "investment";
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }

    /** The stable type name of an event kind, e.g. {@code InvestmentAnnounced}. */
    public static String typeName(InvestmentEvent.Kind kind) {
        return switch (kind) {
            case ANNOUNCED -> "InvestmentAnnounced";
            case COMMITTED -> "InvestmentCommitted";
            case REVISED -> "InvestmentRevised";
            case MILESTONE_REACHED -> "InvestmentMilestoneReached";
            case WITHDRAWN -> "InvestmentWithdrawn";
            case FACT_CORRECTED -> "InvestmentFactCorrected";
            case FACT_RETRACTED -> "InvestmentFactRetracted";
        };
    }

    @Override
    public EncodedEvent encode(InvestmentEvent event) {
        Object data = switch (event.kind()) {
            case ANNOUNCED -> InvestmentWireMapper.toWire((InvestmentAnnounced) event);
            case COMMITTED -> InvestmentWireMapper.toWire((InvestmentCommitted) event);
            case REVISED -> InvestmentWireMapper.toWire((InvestmentRevised) event);
            case MILESTONE_REACHED -> InvestmentWireMapper.toWire((InvestmentMilestoneReached) event);
            case WITHDRAWN -> InvestmentWireMapper.toWire((InvestmentWithdrawn) event);
            case FACT_CORRECTED -> InvestmentWireMapper.toWire((InvestmentFactCorrected) event);
            case FACT_RETRACTED -> InvestmentWireMapper.toWire((InvestmentFactRetracted) event);
        };
        String occurredOn = event instanceof Fact fact ? fact.businessDate().text() : null;
        try {
            return new EncodedEvent(typeName(event.kind()), SCHEMA_VERSION, mapper.writeValueAsString(data),
                    occurredOn);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + typeName(event.kind()), e);
        }
    }

    @Override
    public InvestmentEvent decode(String type, int schemaVersion, String json) {
        if (schemaVersion != SCHEMA_VERSION || type == null) {
            throw new UnknownEventException(type, schemaVersion);
        }
        try {
            return switch (type) {
                case "InvestmentAnnounced" -> InvestmentWireMapper.fromWire(read(json, InvestmentAnnouncedV1.class));
                case "InvestmentCommitted" -> InvestmentWireMapper.fromWire(read(json, InvestmentCommittedV1.class));
                case "InvestmentRevised" -> InvestmentWireMapper.fromWire(read(json, InvestmentRevisedV1.class));
                case "InvestmentMilestoneReached" ->
                        InvestmentWireMapper.fromWire(read(json, InvestmentMilestoneReachedV1.class));
                case "InvestmentWithdrawn" -> InvestmentWireMapper.fromWire(read(json, InvestmentWithdrawnV1.class));
                case "InvestmentFactCorrected" ->
                        InvestmentWireMapper.fromWire(read(json, InvestmentFactCorrectedV1.class));
                case "InvestmentFactRetracted" ->
                        InvestmentWireMapper.fromWire(read(json, InvestmentFactRetractedV1.class));
                default -> throw new UnknownEventException(type, schemaVersion);
            };
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof UnknownEventException unknown) {
                throw unknown;
            }
            throw new UnknownEventException("cannot read event type '" + type + "' at schema version "
                    + schemaVersion + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String json, Class<T> wireType) throws JsonProcessingException {
        if (json == null) {
            throw new IllegalArgumentException("no payload");
        }
        T data = mapper.readValue(json, wireType);
        if (data == null) {
            throw new IllegalArgumentException("the payload is null");
        }
        return data;
    }
}
