package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The relay's checkpoint in the database follows what the broker acknowledged at most once per
 * {@code checkpoint-interval} (or per {@link RelayCheckpoint#MAX_UNSAVED_EVENTS}), catches up on its own once the
 * relay is quiet, and is saved by a stop; a relay killed in between leaves its successor to send those events again
 * (at least once), never to lose one. Each test runs relays of its own, with their own interval, as
 * {@link RelayTakeoverTest} does.
 */
@QuarkusTest
class CheckpointIntervalTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay applicationRelay;

    @Inject
    OutboxConfig config;

    @Inject
    Pool pool;

    @Inject
    SeparateRelays relays;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final String tag = "ckpt-" + UUID.randomUUID().toString().substring(0, 8);
    /** Events of earlier tests after the saved checkpoint: the test's first relay publishes them first. */
    private long pending;

    @BeforeEach
    void stopTheApplicationRelay() {
        applicationRelay.stop(); // a stop saves its checkpoint: each test starts from a saved one
        pending = new PublicationLog(pool).backlog().await().atMost(WAIT).events();
    }

    @AfterEach
    void startTheApplicationRelay() {
        applicationRelay.start();
    }

    @Test
    void withinTheIntervalTheCheckpointStaysWhereItWasAndAStopSavesIt() throws Exception {
        long before = savedPosition();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(Duration.ofMinutes(10), metrics);
        try {
            relay.start();
            for (int v = 0; v < 5; v++) {
                store.append(Events.request(tag + "-a", v, 1)).await().atMost(WAIT);
                long expected = pending + v + 1;
                await(() -> published(metrics) >= expected, "event " + expected + " published");
            }
            assertEquals(before, savedPosition(), "five events published one at a time, no checkpoint saved");
            relay.stop();
            assertEquals(lastPosition(), savedPosition(), "the stop saved the checkpoint");
        } finally {
            relay.stop();
        }
    }

    @Test
    void aQuietRelaySavesItsCheckpointOnceItComesDue() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(Duration.ofMillis(500), metrics);
        try {
            relay.start();
            store.append(Events.request(tag + "-q", 0, 1)).await().atMost(WAIT);
            store.append(Events.request(tag + "-q", 1, 1)).await().atMost(WAIT);
            await(() -> published(metrics) >= pending + 2, "both events published");
            long last = lastPosition();
            // nothing wakes the relay any more but its checkpoint coming due (the fallback poll is a minute here)
            await(() -> savedPosition() == last, "the checkpoint saved without another append or a stop");
        } finally {
            relay.stop();
        }
    }

    @Test
    void aHundredUnsavedEventsAreSavedWithinTheInterval() throws Exception {
        long before = savedPosition();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(Duration.ofMinutes(10), metrics);
        try {
            relay.start();
            int events = RelayCheckpoint.MAX_UNSAVED_EVENTS + 20;
            for (int v = 0; v < events; v += 10) {
                store.append(Events.request(tag + "-h", v, 10)).await().atMost(WAIT);
            }
            await(() -> published(metrics) >= pending + events, "all published");
            long saved = savedPosition();
            assertTrue(saved > before, "saved after " + RelayCheckpoint.MAX_UNSAVED_EVENTS + " events: " + saved);
        } finally {
            relay.stop();
        }
    }

    @Test
    void theSuccessorOfAKilledRelaySendsAgainWhatWasNotSavedAndLosesNothing() throws Exception {
        SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
        OutboxRelay first = relay(Duration.ofMinutes(10), firstMetrics);
        OutboxRelay second = relay(Duration.ZERO, new SimpleMeterRegistry());
        try {
            first.start();
            for (int v = 0; v < 3; v++) {
                store.append(Events.request(tag + "-k", v, 1)).await().atMost(WAIT);
                long expected = pending + v + 1;
                await(() -> published(firstMetrics) >= expected, "event " + expected + " published");
            }
            first.halt(); // as a killed process: the checkpoint of these three is not saved
            second.start();
            long last = lastPosition();
            await(() -> savedPosition() == last, "the successor published from the saved checkpoint and saved it");
            try (TopicReader reader = new TopicReader(bootstrap, config.topic())) {
                List<ConsumerRecord<String, String>> records =
                        reader.until(r -> mine(r).size() >= 6, Duration.ofSeconds(60));
                Map<String, Long> perEvent = mine(records).stream()
                        .collect(Collectors.groupingBy(
                                r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID), Collectors.counting()));
                assertEquals(3, perEvent.size(), "every event of the stream is on the topic");
                assertEquals(
                        Map.of(2L, 3L),
                        perEvent.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting())),
                        "each of them twice");
            }
        } finally {
            first.halt();
            second.stop();
        }
    }

    private List<ConsumerRecord<String, String>> mine(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.key().startsWith(tag + "-k")).toList();
    }

    private OutboxRelay relay(Duration interval, SimpleMeterRegistry metrics) {
        return relays.relay(new WithInterval(config, interval), metrics);
    }

    /** The application's outbox settings with another checkpoint interval. */
    private record WithInterval(OutboxConfig config, Duration interval) implements OutboxConfig {
        @Override
        public String topic() {
            return config.topic();
        }

        @Override
        public String source() {
            return config.source();
        }

        @Override
        public boolean createTopic() {
            return config.createTopic();
        }

        @Override
        public int partitions() {
            return config.partitions();
        }

        @Override
        public short replicationFactor() {
            return config.replicationFactor();
        }

        @Override
        public int batchSize() {
            return config.batchSize();
        }

        @Override
        public Duration fallbackPoll() {
            return config.fallbackPoll();
        }

        @Override
        public Duration backlogRefresh() {
            return config.backlogRefresh();
        }

        @Override
        public Duration maxBackoff() {
            return config.maxBackoff();
        }

        @Override
        public Duration checkpointInterval() {
            return interval;
        }
    }

    private long savedPosition() {
        return single("select global_position from es_publication where relay = $1", PublicationLog.RELAY);
    }

    private long lastPosition() {
        return single("select max(global_position) from es_events where stream_id like $1", tag + "-%");
    }

    private long single(String sql, String param) {
        Row row = pool.preparedQuery(sql)
                .execute(Tuple.of(param))
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
        return row.getLong(0);
    }

    private static long published(SimpleMeterRegistry metrics) {
        return SeparateRelays.published(metrics);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        SeparateRelays.await(condition, what, WAIT);
    }
}
