package io.tracker.investment.negotiations;

import java.time.LocalDate;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.messaging.CloudEventHeaders;

/**
 * Reads a record of {@code tracker.negotiation.events} (CloudEvents 1.0, Kafka binary mode): the attributes
 * from the {@code ce_} headers, and from the JSON value only what the view needs.
 */
final class NegotiationRecords {
    static final String OPENED = "NegotiationOpened";
    static final String TERMINATED = "NegotiationTerminated";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private NegotiationRecords() {
    }

    /**
     * The change the record makes to the view, or null when its type is one the view does not need (talks,
     * MOUs, corrections, types added later, ...).
     *
     * @throws PoisonRecordException when the record is not a readable negotiation event
     */
    static NegotiationChange read(ConsumerRecord<String, String> record) throws PoisonRecordException {
        String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
        if (type == null || type.isBlank()) {
            throw new PoisonRecordException("no ce_type header: not a CloudEvent in binary mode");
        }
        if (!OPENED.equals(type) && !TERMINATED.equals(type)) {
            return null;
        }
        String schemaVersion = CloudEventHeaders.get(record.headers(), CloudEventHeaders.SCHEMA_VERSION);
        if (schemaVersion != null && !"1".equals(schemaVersion.trim())) {
            throw new PoisonRecordException(type + " at schema version " + schemaVersion + " is not readable here (v1 is)");
        }
        String subject = CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT);
        if (subject == null || !SLUG.matcher(subject).matches()) {
            throw new PoisonRecordException("ce_subject '" + subject + "' is not a negotiation id");
        }
        long version = streamVersion(CloudEventHeaders.get(record.headers(), CloudEventHeaders.STREAM_VERSION));
        String eventId = CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID);
        if (record.value() == null) {
            throw new PoisonRecordException("no value (the event's data)");
        }
        if (OPENED.equals(type)) {
            NegotiationEventData.Opened data = parse(record.value(), NegotiationEventData.Opened.class);
            sameNegotiation(subject, data.negotiationId());
            return NegotiationChange.opened(subject, version, eventId, data.title());
        }
        NegotiationEventData.Terminated data = parse(record.value(), NegotiationEventData.Terminated.class);
        sameNegotiation(subject, data.negotiationId());
        String on = data.date() == null ? null : data.date().text();
        return NegotiationChange.terminated(subject, version, eventId, on, lastDay(on));
    }

    private static long streamVersion(String header) throws PoisonRecordException {
        try {
            long version = Long.parseLong(header == null ? "" : header.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PoisonRecordException("ce_streamversion '" + header + "' is not a stream version");
    }

    private static <T> T parse(String value, Class<T> type) throws PoisonRecordException {
        try {
            T data = JSON.readValue(value, type);
            if (data == null) {
                throw new PoisonRecordException("the value is JSON null, not the event's data");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("the value is not the JSON data of the event ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static void sameNegotiation(String subject, String negotiationId) throws PoisonRecordException {
        if (!subject.equals(negotiationId)) {
            throw new PoisonRecordException("data.negotiationId '" + negotiationId + "' differs from ce_subject '"
                    + subject + "'");
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
