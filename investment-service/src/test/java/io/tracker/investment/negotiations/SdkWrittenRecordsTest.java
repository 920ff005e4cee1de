package io.tracker.investment.negotiations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * The view of known negotiations reads records that the official CloudEvents Java SDK wrote: the SDK's JSON
 * format reads negotiation-service's golden samples, its Kafka binding writes them in binary mode.
 */
class SdkWrittenRecordsTest {
    private static final NegotiationRecords RECORDS = new NegotiationRecords();

    @Test
    void openedAndTerminatedWrittenByTheSdkAreRead() throws Exception {
        NegotiationChange opened = RECORDS.read(sdkRecord("NegotiationOpened.v1.json"));
        assertNotNull(opened);
        assertEquals("ca-kr-industrial-cooperation", opened.negotiationId());
        assertEquals(1, opened.streamVersion());
        assertEquals(NegotiationChange.Kind.OPENED, opened.kind());
        NegotiationChange terminated = RECORDS.read(sdkRecord("NegotiationTerminated.v1.json"));
        assertNotNull(terminated);
        assertEquals(NegotiationChange.Kind.TERMINATED, terminated.kind());
        assertEquals(14, terminated.streamVersion());
        // a type the view does not need, at the new schema version, is passed over
        assertNull(RECORDS.read(sdkRecord("FactCorrected.v2.json")));
        // indicators and claims (contract 1.1.0): the view of known negotiations does not need them
        for (String type : java.util.List.of(
                "IndicatorRecorded", "IndicatorCorrected", "IndicatorRetracted", "ClaimRecorded", "ClaimRetracted")) {
            assertNull(RECORDS.read(sdkRecord(type + ".v1.json")), type + " is ignored");
        }
    }

    private static ConsumerRecord<String, byte[]> sdkRecord(String sample) throws Exception {
        byte[] json = Files.readAllBytes(NegotiationTopic.SAMPLES.resolve(sample));
        JsonFormat format = (JsonFormat) EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        CloudEvent event = format.deserialize(json);
        RecordHeaders headers = new RecordHeaders();
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
            byte[] value = serializer.serialize("tracker.negotiation.events", headers, event);
            return new ConsumerRecord<>(
                    "tracker.negotiation.events",
                    0,
                    0L,
                    0L,
                    TimestampType.CREATE_TIME,
                    0,
                    value.length,
                    event.getSubject(),
                    value,
                    headers,
                    java.util.Optional.empty());
        }
    }
}
