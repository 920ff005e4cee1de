package io.tracker.projection.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.messaging.wire.FigureEventData;
import io.tracker.projection.messaging.wire.InvestmentEventData;
import io.tracker.projection.messaging.wire.NegotiationEventData;

/**
 * Reads an event's {@code data} (the wire form) into the projection's domain. Lenient about what it does not
 * need (unknown fields, extra values), strict about what it does: a missing fact, date or status, or a value
 * it cannot read, is a {@link PoisonException} naming the field. Also used to read back stored payloads. The
 * data of each kind of event is read by {@link NegotiationDecoder}, {@link InvestmentDecoder} or
 * {@link FigureDecoder}.
 */
public final class EventDecoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The value as a JSON object, or {@link PoisonReason#NOT_JSON}. */
    public JsonNode parse(String json) throws PoisonException {
        return object(json == null ? null : () -> mapper.readTree(json));
    }

    /** The value (UTF-8 bytes, already checked to be UTF-8) as a JSON object, or {@link PoisonReason#NOT_JSON}. */
    public JsonNode parse(byte[] utf8) throws PoisonException {
        return object(utf8 == null ? null : () -> mapper.readTree(utf8));
    }

    private interface TreeRead {
        JsonNode read() throws java.io.IOException;
    }

    private static JsonNode object(TreeRead read) throws PoisonException {
        JsonNode tree;
        try {
            tree = read == null ? null : read.read();
        } catch (java.io.IOException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not JSON: " + detail, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not a JSON object");
        }
        return tree;
    }

    /**
     * Reads a stored payload (the {@code data} of an event that was read once already) in one pass, without the
     * intermediate tree of {@link #parse}: the summaries of the read models decode whole histories this way.
     */
    public EventBody decode(EventType type, int schemaVersion, String json) throws PoisonException {
        if (schemaVersion < type.currentSchemaVersion()) {
            return decode(type, schemaVersion, parse(json));
        }
        return decode(type, schemaVersion, wireType -> mapper.readValue(json, wireType));
    }

    /** Data of an older schema version is first brought to the current one by the {@link Upcaster}. */
    public EventBody decode(EventType type, int schemaVersion, JsonNode data) throws PoisonException {
        JsonNode current = type.readsSchemaVersion(schemaVersion)
                ? Upcaster.upcast(type, schemaVersion, type.currentSchemaVersion(), data)
                : data;
        return decode(type, schemaVersion, wireType -> mapper.treeToValue(current, wireType));
    }

    /** Reads the event's data as a wire record of the given type. */
    private interface WireReader {
        Object read(Class<?> wireType) throws JsonProcessingException;
    }

    private EventBody decode(EventType type, int schemaVersion, WireReader data) throws PoisonException {
        if (!type.readsSchemaVersion(schemaVersion)) {
            throw new PoisonException(
                    PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    type.typeName() + " v" + schemaVersion + " is not readable by this service (reads v1 to v"
                            + type.currentSchemaVersion() + ")");
        }
        try {
            return switch (type.stream()) {
                case NEGOTIATION ->
                    type.category() == EventType.Category.FIGURE
                            ? FigureDecoder.decode(type, (FigureEventData) data.read(FigureEventData.class))
                            : NegotiationDecoder.decode(
                                    type, (NegotiationEventData) data.read(NegotiationEventData.class));
                case INVESTMENT ->
                    InvestmentDecoder.decode(type, (InvestmentEventData) data.read(InvestmentEventData.class));
            };
        } catch (StreamReadException e) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not JSON: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new PoisonException(
                    PoisonReason.INVALID_EVENT, type.typeName() + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (RuntimeException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, type.typeName() + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
