package io.tracker.projection.apply;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tracker.projection.messaging.CeHeaders;
import io.tracker.projection.messaging.PoisonReason;

/**
 * Sends poison records to the dead-letter topic unchanged (key, value, headers) plus the reason:
 * {@code dead-letter-reason} (a {@link PoisonReason}), {@code dead-letter-cause} (the detail) and where the
 * record came from. Waits for the broker's acknowledgement, so offsets are committed only past dead letters
 * that are safely stored. The producer is made at the first dead letter, not at start: poison records are rare, and a
 * producer loads its classes, starts a sender thread and connects to the broker (part of projection-service's
 * start-up and idle cost otherwise).
 */
public final class DeadLetterPublisher implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String groupId;
    private final Map<String, Object> config = new HashMap<>();
    private KafkaProducer<String, byte[]> producer;

    public DeadLetterPublisher(Map<String, Object> kafkaConfig, String topic, String groupId, String clientId) {
        this.topic = topic;
        this.groupId = groupId;
        kafkaConfig.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    }

    public void send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (DeadLetter letter : letters) {
            acks.add(p.send(record(letter)));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the dead-letter topic " + topic + " did not take a record: " + e, e);
            }
        }
    }

    private ProducerRecord<String, byte[]> record(DeadLetter letter) {
        ConsumerRecord<String, byte[]> original = letter.record();
        RecordHeaders headers = new RecordHeaders(original.headers().toArray());
        put(headers, CeHeaders.DLQ_REASON, letter.reason().name());
        put(headers, CeHeaders.DLQ_CAUSE, letter.detail());
        put(headers, CeHeaders.DLQ_TOPIC, original.topic());
        put(headers, CeHeaders.DLQ_PARTITION, Integer.toString(original.partition()));
        put(headers, CeHeaders.DLQ_OFFSET, Long.toString(original.offset()));
        put(headers, CeHeaders.DLQ_GROUP, groupId);
        return new ProducerRecord<>(topic, null, original.key(), original.value(), headers);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the producer was made (a first dead letter was sent). */
    synchronized boolean started() {
        return producer != null;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** A poison record and why. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, PoisonReason reason, String detail) {}
}
