package io.tracker.projection.apply;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.persistence.ApplyTarget;

/**
 * A consumer loop's settings. {@code metricName}: the consumer tag of its metrics ({@code live}, {@code rebuild});
 * {@code topics}: the kind of stream each topic carries.
 */
public record LoopSettings(
        String metricName,
        String clientId,
        String groupId,
        Map<String, StreamKind> topics,
        ApplyTarget target,
        Duration pollTimeout,
        int maxPollRecords,
        long liveLagThreshold,
        Duration maxBackoff) {

    /** The Kafka consumer's configuration: the service's {@code kafka.*} settings, then the loop's own. */
    Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer")) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }
}
