package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;

/**
 * Two relays, each with its own database sessions and its own producer, as two replicas of a service would
 * have: one publishes, the other waits for the lock. The publishing one is killed under load (at whatever point
 * it is, possibly between a send and its checkpoint); the other takes over from the checkpoint, and every event
 * arrives, each stream's first deliveries in version order.
 */
@QuarkusTest
class RelayTakeoverTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay applicationRelay;

    @Inject
    OutboxConfig config;

    @Inject
    SeparateRelays relays;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void whenThePublishingRelayIsKilledUnderLoadTheOtherTakesOverAndNothingIsLostOrReordered() throws Exception {
        applicationRelay.stop();
        SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
        OutboxRelay first = relay(firstMetrics);
        OutboxRelay second = relay(secondMetrics);
        String tag = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
        int streams = 12;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong appended = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            first.start();
            await(first::isLeader, "the first relay publishes");
            second.start();
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writes.add(writers.submit(() -> {
                    long[] versions = new long[streams];
                    for (int round = 0; writing.get() || round < 3; round++) {
                        for (int s = writer; s < streams; s += 4) {
                            int n = 1 + (round + s) % 3;
                            store.append(Events.request(tag + "-" + s, versions[s], n))
                                    .await()
                                    .atMost(WAIT);
                            versions[s] += n;
                            appended.addAndGet(n);
                        }
                    }
                    return null;
                }));
            }
            await(() -> published(firstMetrics) >= 200, "the first relay published under load");
            first.halt();
            long publishedBeforeKill = published(firstMetrics);
            await(second::isLeader, "the second relay took the lock");
            long atTakeover = appended.get();
            await(() -> appended.get() > atTakeover + 200, "appends go on after the takeover");
            writing.set(false);
            for (Future<?> f : writes) {
                f.get();
            }
            assertDeliveredInOrder(tag, (int) appended.get());
            assertTrue(published(secondMetrics) > 0, "the second relay published after the takeover");
            assertTrue(publishedBeforeKill > 0);
        } finally {
            writing.set(false);
            writers.shutdownNow();
            first.halt();
            second.stop();
            applicationRelay.start();
        }
    }

    private OutboxRelay relay(SimpleMeterRegistry metrics) {
        return relays.relay(metrics);
    }

    private static long published(SimpleMeterRegistry metrics) {
        return SeparateRelays.published(metrics);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        SeparateRelays.await(condition, what, WAIT);
    }

    /** Every event of the tagged streams arrived, each stream's first deliveries in version order 1..n. */
    private void assertDeliveredInOrder(String tag, int expected) {
        try (TopicReader reader = new TopicReader(bootstrap, config.topic())) {
            List<ConsumerRecord<String, String>> records =
                    reader.until(r -> distinctIds(tagged(r, tag)) >= expected, Duration.ofSeconds(120));
            List<ConsumerRecord<String, String>> mine = tagged(records, tag);
            assertEquals(expected, distinctIds(mine), "no event lost");
            Map<String, List<Long>> firstSeen = new LinkedHashMap<>();
            Set<String> ids = new HashSet<>();
            for (ConsumerRecord<String, String> r : mine) {
                if (ids.add(CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))) {
                    firstSeen
                            .computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(Long.parseLong(CloudEventHeaders.get(r.headers(), CloudEventHeaders.STREAM_VERSION)));
                }
            }
            firstSeen.forEach((stream, versions) -> {
                for (int i = 0; i < versions.size(); i++) {
                    assertEquals(i + 1L, versions.get(i), "order of " + stream);
                }
            });
        }
    }

    private static List<ConsumerRecord<String, String>> tagged(
            List<ConsumerRecord<String, String>> records, String tag) {
        return records.stream().filter(r -> r.key().startsWith(tag + "-")).toList();
    }

    private static long distinctIds(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))
                .distinct()
                .count();
    }
}
