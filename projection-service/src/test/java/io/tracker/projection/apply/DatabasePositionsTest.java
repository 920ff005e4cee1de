package io.tracker.projection.apply;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.LiveGroup;
import io.tracker.projection.support.Sample;

/**
 * The live consumers take their positions from the database (applied_position, written with the facts), not from
 * Kafka's committed offsets (committed asynchronously, every second): when Kafka's offsets lag behind, nothing is
 * read twice; when the database is behind them (its last commits lost, as a crash of PostgreSQL loses transactions
 * that did not wait for their WAL flush), the lost records are read and applied again, at a restart and while the
 * consumers run.
 */
@QuarkusTest
class DatabasePositionsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    LiveConsumers live;

    @Inject
    MeterRegistry registry;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @Test
    void aRestartWithKafkasOffsetsBehindReadsNothingAgain() throws Exception {
        String id = "kafka-behind-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(talks(id, 5));
            applied(id, 5);
            live.stop();
            LiveGroup.resetKafkaOffsetsToTheBeginning();
            assertTrue(
                    LiveGroup.kafkaOffsets().values().stream().allMatch(o -> o == 0),
                    "Kafka's committed offsets are back at the beginning");
            double duplicates = counter("projection.events.duplicate");
            double applied = counter("projection.events.applied");

            live.start();
            String marker = "marker-" + UUID.randomUUID().toString().substring(0, 8);
            broker.publish(Sample.of("NegotiationOpened").inStream(marker));
            applied(marker, 1);
            assertEquals(
                    0,
                    counter("projection.events.duplicate") - duplicates,
                    "nothing applied before was read again (replaying from Kafka's offsets would read every record)");
            assertTrue(counter("projection.events.applied") - applied >= 1);
            given().get("/agreements/{id}/timeline", id).then().body("entries.streamVersion", contains(1, 2, 3, 4, 5));
            // Kafka's offsets catch up with the database's (asynchronously, within the commit interval)
            Map<TopicPartition, Long> database = LiveGroup.databasePositions(pool);
            Eventually.assertThat(WAIT, () -> {
                Map<TopicPartition, Long> kafka = kafkaOffsets();
                database.forEach((tp, at) -> assertTrue(
                        kafka.getOrDefault(tp, 0L) >= at,
                        tp + ": Kafka's offset " + kafka.get(tp) + " caught up with the database's " + at));
            });
        } finally {
            live.start();
        }
    }

    @Test
    void aRestartWithTheDatabaseBehindKafkasOffsetsAppliesTheLostRecordsAgain() throws Exception {
        String id = "db-behind-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(talks(id, 5));
            applied(id, 5);
            live.stop(); // commits Kafka's offsets where the database is
            TopicPartition tp = LiveGroup.loseTheApplyOf(pool, id);
            given().get("/agreements/{id}", id).then().statusCode(404);
            assertTrue(
                    LiveGroup.kafkaOffsets().get(tp)
                            > LiveGroup.databasePositions(pool).get(tp),
                    "Kafka's committed offset is ahead of the database's position");
            double applied = counter("projection.events.applied");

            live.start();
            applied(id, 5);
            given().get("/agreements/{id}/timeline", id).then().body("entries.streamVersion", contains(1, 2, 3, 4, 5));
            assertTrue(counter("projection.events.applied") - applied >= 5, "the lost events applied again");
        } finally {
            live.start();
        }
    }

    @Test
    void aRunningConsumerThatFindsTheDatabaseBehindReadsAgainFromItsPositions() {
        String id = "lost-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            List<Sample> events = talks(id, 6);
            broker.publish(events.subList(0, 5));
            applied(id, 5);
            // the consumer runs on; the database loses the commits of these five (its positions go back with them)
            LiveGroup.loseTheApplyOf(pool, id);
            given().get("/agreements/{id}", id).then().statusCode(404);
            // the next record of that partition: its batch finds the database behind what the consumer wrote last
            broker.publish(events.get(5));
            applied(id, 6);
            given().get("/agreements/{id}/timeline", id)
                    .then()
                    .body("entries.streamVersion", contains(1, 2, 3, 4, 5, 6));
        }
    }

    /** A negotiation opened, then talks held: {@code count} events in one stream (one partition). */
    private static List<Sample> talks(String id, int count) {
        List<Sample> events = new ArrayList<>();
        events.add(Sample.of("NegotiationOpened").inStream(id));
        Sample talks = Sample.of("TalksHeld").inStream(id);
        for (int v = 2; v <= count; v++) {
            events.add(talks.version(v));
        }
        return events;
    }

    private void applied(String id, int events) {
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("basis.eventsKnown", equalTo(events)));
        Eventually.assertThat(WAIT, () -> assertEquals(0, live.totalLag()));
    }

    private static Map<TopicPartition, Long> kafkaOffsets() {
        try {
            return LiveGroup.kafkaOffsets();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private double counter(String name) {
        Counter c = registry.find(name).tag("consumer", "live").counter();
        return c == null ? 0 : c.count();
    }
}
