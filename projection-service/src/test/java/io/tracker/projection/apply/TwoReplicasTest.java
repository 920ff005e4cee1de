package io.tracker.projection.apply;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.ActiveGeneration;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.LiveGroup;
import io.tracker.projection.support.Sample;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Two replicas in the live group: a second live loop of the negotiation topic (another replica of the service, as
 * a scale-out would start it) joins the group while events arrive, takes some of the topic's partitions, and leaves
 * again while events still arrive. Each replica starts a partition it is given at the position the database holds,
 * so across both rebalances every event is folded into its agreement's state exactly once, and the database's
 * positions end at the topic's end offsets.
 */
@QuarkusTest
class TwoReplicasTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int STREAMS = 12;

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    LiveConsumers live;

    @Inject
    Pool pool;

    @Test
    void aReplicaJoiningAndLeavingTheGroupFoldsEveryEventOnce() throws Exception {
        String prefix = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            ids.add(prefix + "-" + i);
        }
        ConsumerLoop second = secondReplica();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            publish(broker, ids, 1, 10); // one replica
            second.start();
            // the group rebalanced: the second replica holds some of the topic's partitions, at the database's
            // positions
            Eventually.assertThat(WAIT, () -> assertFalse(second.positions().isEmpty(), "no partition given yet"));
            for (int v = 11; v <= 20; v += 2) { // two replicas, the events of each stream split between them in time
                publish(broker, ids, v, v + 1);
            }
            Eventually.assertThat(
                    WAIT, () -> assertTrue(second.eventsApplied() > 0, "the second replica applied none"));
            Eventually.assertThat(
                    WAIT, () -> ids.forEach(id -> assertEquals(20, ActiveGeneration.foldedEvents(pool, id), id)));
            second.stop();
            assertTrue(second.awaitStopped(Duration.ofSeconds(30)));
            publish(broker, ids, 21, 30); // one replica again, every partition back with it
        } finally {
            second.stop();
        }
        for (String id : ids) {
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(30))
                    .body("basis.lastVersion", equalTo(30)));
            assertEquals(30, ActiveGeneration.facts(pool, id), id + ": one fact row per event");
            assertEquals(30, ActiveGeneration.foldedEvents(pool, id), id + ": the state folded each event once");
        }
        Eventually.assertThat(WAIT, () -> assertEquals(0, live.totalLag()));
        Map<TopicPartition, Long> ends = LiveGroup.endOffsets(Sample.NEGOTIATION_TOPIC);
        Eventually.assertThat(WAIT, () -> {
            Map<TopicPartition, Long> held = new HashMap<>(LiveGroup.databasePositions(pool));
            held.keySet().retainAll(ends.keySet());
            assertEquals(ends, held, "the database's positions are the topic's end offsets");
        });
    }

    /** A live loop of the negotiation channel as the service makes its own, in the same group: another replica's. */
    private ConsumerLoop secondReplica() {
        LiveConsumers.Channel negotiations = live.channels().stream()
                .filter(c -> c.topic().equals(Sample.NEGOTIATION_TOPIC))
                .findFirst()
                .orElseThrow();
        return live.loop(negotiations, "live-negotiation-events-replica-2");
    }

    /** Versions {@code from}..{@code to} of every stream (1: opened, then talks held). */
    private static void publish(Broker broker, List<String> ids, int from, int to) {
        List<Sample> samples = new ArrayList<>();
        for (int v = from; v <= to; v++) {
            for (String id : ids) {
                samples.add(
                        v == 1
                                ? Sample.of("NegotiationOpened").inStream(id)
                                : Sample.of("TalksHeld").inStream(id).version(v));
            }
        }
        broker.publish(samples);
    }
}
