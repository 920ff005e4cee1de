package io.tracker.projection.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.InvestmentCorrection;
import io.tracker.projection.domain.InvestmentFact;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;

/**
 * Reads a Kafka record in CloudEvents binary mode into an {@link Incoming}: the attributes from the
 * {@code ce_*} headers, the data from the value. Anything that stops it from being applied makes it a
 * {@link Incoming.Poison} with a {@link PoisonReason}.
 */
public final class RecordReader {
    private static final Pattern SCHEMA_VERSION_IN_URI = Pattern.compile("\\.v(\\d+)\\.json$");

    private final EventDecoder decoder = new EventDecoder();

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
        String typeName = required(h, CeHeaders.TYPE);
        EventType type = EventType.ofTypeName(typeName).orElseThrow(() -> new PoisonException(
                PoisonReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "' on " + record.topic()));
        if (type.stream() != stream) {
            throw new PoisonException(PoisonReason.UNKNOWN_TYPE,
                    typeName + " is not a " + stream.wireName() + " event (topic " + record.topic() + ")");
        }
        int schemaVersion = schemaVersion(h);
        if (!type.readsSchemaVersion(schemaVersion)) {
            throw new PoisonException(PoisonReason.UNSUPPORTED_SCHEMA_VERSION,
                    typeName + " v" + schemaVersion + " is not readable by this service (reads v1 to v"
                            + type.currentSchemaVersion() + ")");
        }
        String contentType = CeHeaders.get(h, CeHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase().contains("json")) {
            throw new PoisonException(PoisonReason.NOT_JSON, "content-type " + contentType + " is not JSON");
        }
        String json = utf8(record.value());
        JsonNode data = decoder.parse(json);
        UUID eventId = uuid(required(h, CeHeaders.ID));
        String streamId = CeHeaders.get(h, CeHeaders.SUBJECT);
        if (streamId == null) {
            streamId = record.key();
        }
        if (streamId == null || streamId.isBlank()) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "no stream id: neither ce_subject nor a key");
        }
        long version = streamVersion(required(h, CeHeaders.STREAM_VERSION));
        Instant recordedAt = time(required(h, CeHeaders.TIME));
        EventBody body = decoder.decode(type, schemaVersion, data);
        RecordedEvent event = new RecordedEvent(stream, streamId, version, eventId, type, recordedAt, body);
        return new Incoming.Event(event, schemaVersion, data.toString(), negotiationLinks(body), position);
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

    private static int schemaVersion(Headers h) throws PoisonException {
        String value = CeHeaders.get(h, CeHeaders.SCHEMA_VERSION);
        if (value == null) {
            String schema = CeHeaders.get(h, CeHeaders.DATA_SCHEMA);
            Matcher m = schema == null ? null : SCHEMA_VERSION_IN_URI.matcher(schema);
            value = m != null && m.find() ? m.group(1) : "1";
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_schemaversion '" + value + "' is not a number");
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
        throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_streamversion '" + value + "' is not a version (1 or more)");
    }

    private static UUID uuid(String value) throws PoisonException {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new PoisonException(PoisonReason.INVALID_EVENT, "ce_id '" + value + "' is not a UUID");
        }
    }

    private static Instant time(String value) throws PoisonException {
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

    private static String utf8(byte[] value) throws PoisonException {
        if (value == null) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is empty (null)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new PoisonException(PoisonReason.NOT_JSON, "the value is not UTF-8 text");
        }
    }
}
