package io.tracker.example.subscriber;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads tracker.negotiation.events as the contract describes it: CloudEvents in Kafka binary mode (attributes
 * in {@code ce_*} headers, the data in the value), switching on {@code ce_type} and {@code ce_schemaversion}.
 */
@ApplicationScoped
public class NegotiationEventsSubscriber {
    private final Timelines timelines;
    private final ObjectMapper json;

    public NegotiationEventsSubscriber(Timelines timelines, ObjectMapper json) {
        this.timelines = timelines;
        this.json = json;
    }

    @Incoming("negotiation-events")
    public void onRecord(ConsumerRecord<String, String> record) {
        String type = header(record, "ce_type");
        String subject = header(record, "ce_subject");
        String version = header(record, "ce_streamversion");
        if (type == null || subject == null || version == null) {
            timelines.unreadable(record.topic() + "@" + record.offset() + ": not a CloudEvent in binary mode");
            return;
        }
        int schemaVersion =
                Integer.parseInt(header(record, "ce_schemaversion") == null ? "1" : header(record, "ce_schemaversion"));
        JsonNode data;
        try {
            data = json.readTree(record.value());
        } catch (JsonProcessingException e) {
            timelines.unreadable(record.topic() + "@" + record.offset() + ": the value is not JSON");
            return;
        }
        timelines.apply(
                subject, Long.parseLong(version), header(record, "ce_id"), type, describe(type, schemaVersion, data));
    }

    /** One line per event; FactCorrected is read at v1 (targetVersion) and v2 (correctsVersion). */
    static String describe(String type, int schemaVersion, JsonNode data) {
        return switch (type) {
            case "FactCorrected" ->
                "corrects v" + (schemaVersion >= 2 ? data.path("correctsVersion") : data.path("targetVersion")).asLong()
                        + " to " + data.at("/corrected/date/text").asText();
            case "FactRetracted" -> "retracts v" + data.path("targetVersion").asLong();
            case "NegotiationStalled", "NegotiationResumed", "NegotiationTerminated" ->
                type + " " + data.at("/date/text").asText();
            default ->
                data.has("fact") ? type + " " + data.at("/fact/date/text").asText() : type;
        };
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
