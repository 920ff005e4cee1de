package io.tracker.investment.negotiations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sends the records of the negotiation topic that fail a check to this consumer's dead-letter topic
 * ({@code tracker.investment.dlq}, as the projection's is {@code tracker.projection.dlq}): key, value and
 * headers unchanged, plus {@code dead-letter-reason} (a {@link DeadLetterReason}), {@code dead-letter-cause} (the
 * detail), {@code dead-letter-topic}, {@code -partition}, {@code -offset} and {@code -consumer-group}. The
 * returned Uni completes once the broker acknowledged the letter (acks=all, idempotent), so the record's offset
 * is committed only past a dead letter that is stored.
 */
@ApplicationScoped
public class NegotiationDeadLetters {
    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";

    private final String topic;
    private final String groupId;
    private final Map<String, Object> kafkaConfig;
    private volatile KafkaProducer<String, byte[]> producer;

    NegotiationDeadLetters(
            @ConfigProperty(name = "tracker.negotiation-events.dlq-topic") String topic,
            @ConfigProperty(name = "mp.messaging.incoming.negotiation-events.group.id") String groupId,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.topic = topic;
        this.groupId = groupId;
        this.kafkaConfig = kafkaConfig;
    }

    String topic() {
        return topic;
    }

    Uni<Void> send(ConsumerRecord<String, byte[]> original, DeadLetterReason reason, String detail) {
        RecordHeaders headers = new RecordHeaders(original.headers().toArray());
        put(headers, REASON, reason.name());
        put(headers, CAUSE, detail);
        put(headers, "dead-letter-topic", original.topic());
        put(headers, "dead-letter-partition", Integer.toString(original.partition()));
        put(headers, "dead-letter-offset", Long.toString(original.offset()));
        put(headers, "dead-letter-consumer-group", groupId);
        ProducerRecord<String, byte[]> letter =
                new ProducerRecord<>(topic, null, original.key(), original.value(), headers);
        // on a worker: the first send (and one to a broker that is away) blocks for metadata
        return Uni.createFrom()
                .<Void>emitter(emitter -> producer().send(letter, (metadata, failure) -> {
                    if (failure == null) {
                        emitter.complete(null);
                    } else {
                        emitter.fail(failure);
                    }
                }))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((k, v) -> {
                        if (!k.contains("serializer")) {
                            config.put(k, v);
                        }
                    });
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "investment-service-dead-letters");
                    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
                    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
