package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.store.StoredEvent;

/**
 * A record the broker refuses, in the middle of a batch of one stream's events: the idempotent producer would go
 * on with the records behind it (Kafka bumps its epoch and sends the next batches), so the topic would get the
 * stream's later events while an earlier one is missing, and the relay, resending from its checkpoint, would put
 * them there a second time after it: a stream's later events first. The publisher sends nothing more once a
 * record failed: the topic holds the events before the refused one, and none after it.
 */
@QuarkusTest
class OutboxPublisherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void nothingBehindARecordTheBrokerRefusedReachesTheTopic() throws Exception {
        String topic = "publisher-refused-" + UUID.randomUUID().toString().substring(0, 8);
        createTopic(topic, 12_000);
        String stream = "refused-" + UUID.randomUUID();
        List<PendingEntry> events = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
            // version 3 is larger than the topic accepts (and than a producer batch, so it is a batch of its own);
            // the others are small
            events.add(event(stream, v, v == 3 ? "x".repeat(30_000) : "v" + v));
        }
        OutboxPublisher.Outcome outcome;
        try (OutboxPublisher publisher = new OutboxPublisher(
                kafkaConfig, "/publisher-test", OpenTelemetry.noop().getTracer("test"))) {
            outcome = publisher.send(events, topic);
        }
        assertEquals(2, outcome.acknowledged(), "the events before the refused one: " + outcome.error());
        assertInstanceOf(RecordTooLargeException.class, outcome.error());
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            // enough time for anything sent behind the refused record to be readable
            List<Long> versions = reader.until(r -> false, Duration.ofSeconds(5)).stream()
                    .map(OutboxPublisherTest::version)
                    .toList();
            assertEquals(List.of(1L, 2L), versions, "the topic holds nothing after the refused event");
        }
    }

    private void createTopic(String topic, int maxMessageBytes) throws Exception {
        Map<String, Object> admin = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.contains("serializer")) {
                admin.put(k, v);
            }
        });
        try (AdminClient client = AdminClient.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of("max.message.bytes", Integer.toString(maxMessageBytes)))))
                    .all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    var partitions = client.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                            .get(topic)
                            .partitions();
                    if (partitions.stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // not known to the broker yet: ask again
                }
                Thread.sleep(100);
            }
        }
    }

    private static PendingEntry event(String stream, long version, String label) {
        return new PendingEntry(
                new StoredEvent(
                        version,
                        "1",
                        stream,
                        "tally",
                        version,
                        UUID.randomUUID(),
                        "Ticked",
                        1,
                        "{\"label\": \"" + label + "\"}",
                        "2026-01-29",
                        "corr",
                        null,
                        "test",
                        null,
                        OffsetDateTime.now()),
                null);
    }

    private static long version(ConsumerRecord<String, String> r) {
        return Long.parseLong(CloudEventHeaders.get(r.headers(), CloudEventHeaders.STREAM_VERSION));
    }
}
