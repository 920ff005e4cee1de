package io.tracker.projection.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;

/**
 * Records written by the official CloudEvents Java SDK, not by this project: the golden sample (a
 * structured-mode event) is read by the SDK's JSON format and written by its Kafka binding in binary mode,
 * so the headers and their spelling are the SDK's.
 */
public final class SdkRecords {
    private SdkRecords() {}

    public static CloudEvent event(Sample sample) {
        JsonFormat format = (JsonFormat) EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        return format.deserialize(sample.eventJson().getBytes(StandardCharsets.UTF_8));
    }

    public static ProducerRecord<String, byte[]> record(Sample sample) {
        CloudEvent event = event(sample);
        RecordHeaders headers = new RecordHeaders();
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
            byte[] value = serializer.serialize(sample.topic(), headers, event);
            return new ProducerRecord<>(sample.topic(), null, event.getSubject(), value, headers);
        }
    }

    public static ConsumerRecord<String, byte[]> consumed(Sample sample, long offset) {
        ProducerRecord<String, byte[]> p = record(sample);
        return new ConsumerRecord<>(
                p.topic(),
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                p.value().length,
                p.key(),
                p.value(),
                p.headers(),
                java.util.Optional.empty());
    }
}
