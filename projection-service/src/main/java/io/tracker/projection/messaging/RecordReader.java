package io.tracker.projection.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.InvestmentCorrection;
import io.tracker.projection.domain.InvestmentFact;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;

/**
 * Reads a Kafka record in CloudEvents binary mode into an {@link Incoming}: the attributes from the
 * {@code ce_*} headers, the data from the value. Anything that stops it from being applied makes it a
 * {@link Incoming.Poison} with a {@link PoisonReason}. The checks, in this order (the first that fails is the
 * reason; investment-service checks its records the same way, see contract/src/test/resources/bad-records):
 * {@code ce_specversion} 1.0, {@code ce_id} a UUID, {@code ce_source} the topic's producer ({@code WRONG_SOURCE}),
 * {@code ce_type} known on the topic ({@code UNKNOWN_TYPE}), {@code ce_schemaversion} published and read here
 * ({@code UNSUPPORTED_SCHEMA_VERSION}), {@code ce_dataschema} the URI of that schema, {@code ce_subject} equal to
 * the key, {@code ce_time} RFC 3339, {@code ce_streamversion} 1 or more, {@code content-type} application/json
 * and the value a UTF-8 JSON object ({@code NOT_JSON}), the data valid against the published schema
 * ({@code SCHEMA_VIOLATION}, {@link PublishedSchemas}), its stream id equal to the subject; then the decoding.
 * Every other failed check is {@code INVALID_EVENT}.
 */
public final class RecordReader {
    /** application/json, optionally with parameters (charset); nothing else. */
    private static final Pattern JSON_CONTENT_TYPE = Pattern.compile("(?i)application/json\\s*(;.*)?");

    private final EventDecoder decoder = new EventDecoder();
    private final PublishedSchemas schemas = new PublishedSchemas();
    /** Per schema path, the last {@code ce_dataschema} found valid for it (producers send the same one each time). */
    private final java.util.concurrent.ConcurrentMap<String, String> dataSchemas =
            new java.util.concurrent.ConcurrentHashMap<>();

    public EventDecoder decoder() {
        return decoder;
    }

    /** {@code stream}: the kind of stream the record's topic carries. */
    public Incoming read(ConsumerRecord<String, byte[]> record, StreamKind stream) {
        Incoming.Position position = new Incoming.Position(record.topic(), record.partition(), record.offset());
        try {
            return read(record, stream, position);
        } catch (PoisonException e) {
            return new Incoming.Poison(e.reason(), e.getMessage(), position);
        }
    }

    private Incoming.Event read(ConsumerRecord<String, byte[]> record, StreamKind stream, Incoming.Position position)
            throws PoisonException {
        Headers h = record.headers();
        String producer = stream.wireName() + "-service";
        String specVersion = required(h, CeHeaders.SPEC_VERSION);
        if (!"1.0".equals(specVersion)) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_specversion '" + specVersion + "' is not 1.0");
        }
        UUID eventId = uuid(required(h, CeHeaders.ID));
        String source = required(h, CeHeaders.SOURCE);
        if (!source.equals("/" + producer)) {
            throw new PoisonException(
                    PoisonReason.WRONG_SOURCE,
                    "ce_source '" + source + "' is not /" + producer + ", the producer of " + record.topic());
        }
        String typeName = required(h, CeHeaders.TYPE);
        EventType type = EventType.ofTypeName(typeName)
                .orElseThrow(() -> new PoisonException(
                        PoisonReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "' on " + record.topic()));
        if (type.stream() != stream) {
            throw new PoisonException(
                    PoisonReason.UNKNOWN_TYPE,
                    typeName + " is not a " + stream.wireName() + " event (topic " + record.topic() + ")");
        }
        int schemaVersion = schemaVersion(required(h, CeHeaders.SCHEMA_VERSION));
        PublishedSchemas.Published schema =
                schemas.schema(producer, typeName, schemaVersion).orElse(null);
        if (schema == null || !type.readsSchemaVersion(schemaVersion)) {
            throw new PoisonException(
                    PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    typeName + " v" + schemaVersion + " is not readable by this service (reads v1 to v"
                            + type.currentSchemaVersion() + ")");
        }
        String dataSchema = required(h, CeHeaders.DATA_SCHEMA);
        String expectedPath = "/" + producer + "/schemas/" + typeName + ".v" + schemaVersion + ".json";
        if (!dataSchema.equals(dataSchemas.get(expectedPath))) {
            if (!dataSchema.endsWith(expectedPath) || !absoluteUri(dataSchema)) {
                throw new PoisonException(
                        PoisonReason.INVALID_EVENT,
                        "ce_dataschema '" + dataSchema + "' is not an absolute URI ending in " + expectedPath);
            }
            dataSchemas.put(expectedPath, dataSchema);
        }
        String streamId = required(h, CeHeaders.SUBJECT);
        if (!streamId.equals(record.key())) {
            throw new PoisonException(
                    PoisonReason.INVALID_EVENT,
                    "ce_subject '" + streamId + "' differs from the record key '" + record.key() + "'");
        }
        Instant recordedAt = time(required(h, CeHeaders.TIME));
        long version = streamVersion(required(h, CeHeaders.STREAM_VERSION));
        String contentType = required(h, CeHeaders.CONTENT_TYPE);
        if (!"application/json".equals(contentType)
                && !JSON_CONTENT_TYPE.matcher(contentType).matches()) {
            throw new PoisonException(
                    PoisonReason.NOT_JSON, "content-type " + contentType + " is not application/json");
        }
        byte[] json = utf8(record.value());
        JsonNode data = decoder.parse(json);
        String violation = schema.firstViolation(data);
        if (violation != null) {
            throw new PoisonException(
                    PoisonReason.SCHEMA_VIOLATION,
                    "the data of " + typeName + " v" + schemaVersion + " does not match its published schema: "
                            + violation);
        }
        String idField = stream.wireName() + "Id";
        if (!streamId.equals(data.path(idField).asText())) {
            throw new PoisonException(
                    PoisonReason.INVALID_EVENT,
                    "data." + idField + " '" + data.path(idField).asText() + "' differs from ce_subject '" + streamId
                            + "'");
        }
        EventBody body = decoder.decode(type, schemaVersion, data);
        RecordedEvent event = new RecordedEvent(stream, streamId, version, eventId, type, recordedAt, body);
        // stored as the producer wrote it, the bytes (jsonb keeps the same value as the parsed tree would give)
        return new Incoming.Event(event, schemaVersion, json, negotiationLinks(body), position);
    }

    /** The negotiations an investment event names (announcement or correction of the links). */
    static List<String> negotiationLinks(EventBody body) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (body instanceof InvestmentFact f && f.terms().negotiationIds() != null) {
            ids.addAll(f.terms().negotiationIds());
        } else if (body instanceof InvestmentCorrection c && c.patch().negotiationIds() != null) {
            ids.addAll(c.patch().negotiationIds());
        }
        ids.remove(null);
        return new ArrayList<>(ids);
    }

    private static int schemaVersion(String value) throws PoisonException {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PoisonException(
                PoisonReason.INVALID_EVENT, "ce_schemaversion '" + value + "' is not a schema version (1 or more)");
    }

    private static boolean absoluteUri(String value) {
        try {
            return java.net.URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long streamVersion(String value) throws PoisonException {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PoisonException(
                PoisonReason.INVALID_EVENT, "ce_streamversion '" + value + "' is not a version (1 or more)");
    }

    private static UUID uuid(String value) throws PoisonException {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_id '" + value + "' is not a UUID");
        }
    }

    private static Instant time(String value) throws PoisonException {
        Instant quick = Rfc3339.parseUtc(value);
        if (quick != null) {
            return quick;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_time '" + value + "' is not an RFC 3339 time");
        }
    }

    private static String required(Headers h, String name) throws PoisonException {
        String value = CeHeaders.get(h, name);
        if (value == null || value.isBlank()) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "header " + name + " is missing");
        }
        return value;
    }

    private static byte[] utf8(byte[] value) throws PoisonException {
        if (value == null) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is empty (null)");
        }
        if (!Utf8.wellFormed(value)) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not UTF-8 text");
        }
        return value;
    }
}
