package io.tracker.investment.messaging;

import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.UnknownEventException;
import io.tracker.core.store.EncodedEvent;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentEvent.Fact;

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

    /** The kind of a published type name. */
    public static Optional<InvestmentEvent.Kind> kindOf(String typeName) {
        return Arrays.stream(InvestmentEvent.Kind.values())
                .filter(k -> typeName(k).equals(typeName))
                .findFirst();
    }

    @Override
    public EncodedEvent encode(InvestmentEvent event) {
        String occurredOn = event instanceof Fact fact ? fact.businessDate().text() : null;
        try {
            return new EncodedEvent(
                    typeName(event.kind()),
                    SCHEMA_VERSION,
                    mapper.writeValueAsString(InvestmentWireMapper.toWire(event)),
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
        InvestmentEvent.Kind kind = kindOf(type).orElseThrow(() -> new UnknownEventException(type, schemaVersion));
        try {
            return InvestmentWireMapper.toDomain(kind, read(json, InvestmentWireMapper.wireClass(kind)));
        } catch (UnknownEventException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnknownEventException(
                    "cannot read event type '" + type + "' at schema version " + schemaVersion + ": " + e.getMessage(),
                    e);
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
