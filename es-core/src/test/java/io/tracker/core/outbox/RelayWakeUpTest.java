package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.DedicatedConnections;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.ExpectedVersion;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * How an append wakes the relay. When this replica publishes, in the JVM: the event goes out at once and no
 * NOTIFY is sent (a statement and a transaction fewer per append). When another replica publishes, by a NOTIFY. The
 * fallback poll is 60 s in this profile, so an event published within
 * seconds was woken by its append.
 */
@QuarkusTest
class RelayWakeUpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration WOKEN = Duration.ofSeconds(10);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay applicationRelay;

    @Inject
    OutboxConfig config;

    @Inject
    DedicatedConnections connections;

    @Inject
    SeparateRelays relays;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anAppendOfThePublishingReplicaWakesItInTheJvmWithoutANotify() throws Exception {
        await(applicationRelay::isLeader, "the application's relay publishes");
        AtomicInteger notifications = new AtomicInteger();
        PgSubscriber listener = listen(notifications);
        try (TopicReader reader = new TopicReader(bootstrap, config.topic())) {
            reader.until(r -> false, Duration.ofMillis(500));
            String stream = "woken-here-" + UUID.randomUUID();
            store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            assertEquals(
                    1,
                    ofStream(reader.until(r -> ofStream(r, stream).size() == 1, WOKEN), stream)
                            .size());
            Thread.sleep(500); // a NOTIFY sent after the commit would have arrived by now
            assertEquals(0, notifications.get(), "no NOTIFY when this replica publishes");
        } finally {
            listener.closeAndAwait();
        }
    }

    @Test
    void anAppendOfAnotherReplicaWakesTheOneThatPublishesByANotify() throws Exception {
        applicationRelay.stop(); // this replica no longer publishes ...
        // ... another one does, with sessions and a producer of its own
        OutboxRelay other = relays.relay(new SimpleMeterRegistry());
        AtomicInteger notifications = new AtomicInteger();
        PgSubscriber listener = listen(notifications);
        try (TopicReader reader = new TopicReader(bootstrap, config.topic())) {
            other.start();
            await(other::isLeader, "the other relay publishes");
            reader.until(r -> false, Duration.ofMillis(500));
            String stream = "woken-elsewhere-" + UUID.randomUUID();
            store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            assertEquals(
                    1,
                    ofStream(reader.until(r -> ofStream(r, stream).size() == 1, WOKEN), stream)
                            .size());
            await(() -> notifications.get() > 0, "the append sent a NOTIFY");
        } finally {
            listener.closeAndAwait();
            other.stop();
            applicationRelay.start();
        }
    }

    private PgSubscriber listen(AtomicInteger notifications) {
        PgSubscriber subscriber = connections.subscriber();
        subscriber.channel(EventStore.NOTIFY_CHANNEL).handler(payload -> notifications.incrementAndGet());
        subscriber.connect().await().atMost(WAIT);
        return subscriber;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        SeparateRelays.await(condition, what, WAIT);
    }

    private static List<ConsumerRecord<String, String>> ofStream(
            List<ConsumerRecord<String, String>> records, String s) {
        return records.stream().filter(r -> r.key().equals(s)).toList();
    }
}
