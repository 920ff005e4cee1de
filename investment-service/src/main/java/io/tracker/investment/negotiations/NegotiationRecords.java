package io.tracker.investment.negotiations;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.core.domain.BusinessDate;
import io.tracker.core.messaging.CloudEventHeaders;

/**
 * Reads a record of {@code tracker.negotiation.events} (CloudEvents 1.0, Kafka binary mode) after checking it
 * as the projection checks its records, in the same order (the first check that fails is the reason; the shared
 * bad records are in contract/src/test/resources/bad-records): {@code ce_specversion} 1.0, {@code ce_id} a UUID,
 * {@code ce_source} {@code /negotiation-service} ({@code WRONG_SOURCE}), {@code ce_type} published
 * ({@code UNKNOWN_TYPE}), {@code ce_schemaversion} published ({@code UNSUPPORTED_SCHEMA_VERSION}),
 * {@code ce_dataschema} the URI of that schema, {@code ce_subject} equal to the key, {@code ce_time} RFC 3339,
 * {@code ce_streamversion} 1 or more, {@code content-type} application/json and the value a UTF-8 JSON object
 * ({@code NOT_JSON}), the data valid against the published schema ({@code SCHEMA_VIOLATION}), its
 * {@code negotiationId} equal to the subject. Every other failed check is {@code INVALID_EVENT}. Only then is
 * the type looked at: the view needs two.
 */
final class NegotiationRecords {
    static final String OPENED = "NegotiationOpened";
    static final String TERMINATED = "NegotiationTerminated";

    /** The producer whose published schemas (contract-check's {@link PublishedSchemas}) the data is checked against. */
    static final String PRODUCER = "negotiation-service";

    private static final String SOURCE = "/" + PRODUCER;
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
    private static final Pattern JSON_CONTENT_TYPE = Pattern.compile("(?i)application/json\\s*(;.*)?");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PublishedSchemas schemas = new PublishedSchemas();

    /**
     * The change the record makes to the view, or null when its type is one the view does not need (talks,
     * MOUs, corrections, ...).
     *
     * @throws PoisonRecordException when the record fails a check
     */
    NegotiationChange read(ConsumerRecord<String, byte[]> record) throws PoisonRecordException {
        Headers h = record.headers();
        String specVersion = required(h, CloudEventHeaders.SPEC_VERSION);
        if (!"1.0".equals(specVersion)) {
            throw invalid("ce_specversion '" + specVersion + "' is not 1.0");
        }
        String eventId = required(h, CloudEventHeaders.ID);
        try {
            UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw invalid("ce_id '" + eventId + "' is not a UUID");
        }
        String source = required(h, CloudEventHeaders.SOURCE);
        if (!SOURCE.equals(source)) {
            throw new PoisonRecordException(
                    DeadLetterReason.WRONG_SOURCE,
                    "ce_source '" + source + "' is not " + SOURCE + ", the producer of " + record.topic());
        }
        String type = required(h, CloudEventHeaders.TYPE);
        // a type is known when the contract publishes it at all (its first version)
        if (!TYPE_NAME.matcher(type).matches()
                || schemas.schema(PRODUCER, type, 1).isEmpty()) {
            throw new PoisonRecordException(
                    DeadLetterReason.UNKNOWN_TYPE, "unknown event type '" + type + "' on " + record.topic());
        }
        long declared = positive(required(h, CloudEventHeaders.SCHEMA_VERSION), "ce_schemaversion", "a schema version");
        int schemaVersion = (int) Math.min(declared, Integer.MAX_VALUE);
        PublishedSchemas.Published schema = schemas.schema(PRODUCER, type, schemaVersion)
                .orElseThrow(() -> new PoisonRecordException(
                        DeadLetterReason.UNSUPPORTED_SCHEMA_VERSION,
                        type + " v" + schemaVersion + " is not published"));
        String dataSchema = required(h, CloudEventHeaders.DATA_SCHEMA);
        String expectedPath = "/" + PRODUCER + "/schemas/" + type + ".v" + schemaVersion + ".json";
        if (!dataSchema.endsWith(expectedPath) || !absoluteUri(dataSchema)) {
            throw invalid("ce_dataschema '" + dataSchema + "' is not an absolute URI ending in " + expectedPath);
        }
        String subject = required(h, CloudEventHeaders.SUBJECT);
        if (!subject.equals(record.key())) {
            throw invalid("ce_subject '" + subject + "' differs from the record key '" + record.key() + "'");
        }
        String time = required(h, CloudEventHeaders.TIME);
        try {
            OffsetDateTime.parse(time.trim());
        } catch (DateTimeParseException e) {
            throw invalid("ce_time '" + time + "' is not an RFC 3339 time");
        }
        long version = positive(required(h, CloudEventHeaders.STREAM_VERSION), "ce_streamversion", "a stream version");
        String contentType = required(h, CloudEventHeaders.CONTENT_TYPE);
        if (!JSON_CONTENT_TYPE.matcher(contentType).matches()) {
            throw new PoisonRecordException(
                    DeadLetterReason.NOT_JSON, "content-type " + contentType + " is not application/json");
        }
        JsonNode data = parse(record.value());
        String violation = schema.firstViolation(data);
        if (violation != null) {
            throw new PoisonRecordException(
                    DeadLetterReason.SCHEMA_VIOLATION,
                    "the data of " + type + " v" + schemaVersion + " does not match its published schema: "
                            + violation);
        }
        if (!subject.equals(data.path("negotiationId").asText())) {
            throw invalid("data.negotiationId '" + data.path("negotiationId").asText() + "' differs from ce_subject '"
                    + subject + "'");
        }
        if (OPENED.equals(type) && schemaVersion == 1) {
            NegotiationEventData.Opened opened = convert(data, NegotiationEventData.Opened.class);
            return NegotiationChange.opened(subject, version, eventId, opened.title());
        }
        if (TERMINATED.equals(type) && schemaVersion == 1) {
            NegotiationEventData.Terminated terminated = convert(data, NegotiationEventData.Terminated.class);
            String on = terminated.date() == null ? null : terminated.date().text();
            return NegotiationChange.terminated(subject, version, eventId, on, lastDay(on));
        }
        return null;
    }

    private static PoisonRecordException invalid(String message) {
        return new PoisonRecordException(DeadLetterReason.INVALID_EVENT, message);
    }

    private static String required(Headers h, String name) throws PoisonRecordException {
        String value = CloudEventHeaders.get(h, name);
        if (value == null || value.isBlank()) {
            throw invalid("header " + name + " is missing");
        }
        return value;
    }

    private static long positive(String header, String name, String what) throws PoisonRecordException {
        try {
            long value = Long.parseLong(header.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name + " '" + header + "' is not " + what + " (1 or more)");
    }

    private static boolean absoluteUri(String value) {
        try {
            return URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode parse(byte[] value) throws PoisonRecordException {
        if (value == null) {
            throw new PoisonRecordException(DeadLetterReason.NOT_JSON, "the value is empty (null)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PoisonRecordException(DeadLetterReason.NOT_JSON, "the value is not UTF-8 text");
        }
        JsonNode data;
        try {
            data = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException(
                    DeadLetterReason.NOT_JSON, "the value is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (data == null || !data.isObject()) {
            throw new PoisonRecordException(DeadLetterReason.NOT_JSON, "the value is not a JSON object");
        }
        return data;
    }

    private static <T> T convert(JsonNode data, Class<T> type) throws PoisonRecordException {
        try {
            return JSON.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid("the data is not readable as " + type.getSimpleName() + " (" + e.getMessage() + ")");
        }
    }

    private static LocalDate lastDay(String businessDate) {
        if (businessDate == null) {
            return null;
        }
        try {
            return BusinessDate.parse(businessDate).latest();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
