package io.tracker.projection.apply;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

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
import io.tracker.projection.support.Stories;

/**
 * Every event changes the read models once: a redelivered record, and a restart that replays the topics from
 * the beginning, count nothing twice; and a catch-up of many events is applied in a few transactions.
 */
@QuarkusTest
class ExactlyOnceTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    LiveConsumers live;

    @Inject
    MeterRegistry registry;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void aRedeliveredEventIsCountedOnce() {
        String id = "redelivered-" + UUID.randomUUID().toString().substring(0, 8);
        double duplicatesBefore = counter("projection.events.duplicate");
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            Sample opened = Sample.of("NegotiationOpened").inStream(id);
            Sample met = Sample.of("LeadersMet").inStream(id);
            Sample announced = Sample.of("InvestmentAnnounced")
                    .inStream("inv-" + id)
                    .replacing(Stories.SAMPLE_NEGOTIATION, id)
                    .set("/amount", "{\"amount\":\"100.00\",\"currency\":\"CAD\"}");
            // each record twice, as a producer retry or a relay restart would send them
            broker.publish(
                    opened,
                    met,
                    met,
                    announced,
                    announced,
                    opened,
                    Sample.of("TalksHeld").inStream(id));
        }
        Eventually.assertThat(
                WAIT,
                () -> given().get("/agreements/{id}", id).then().statusCode(200).body("basis.eventsKnown", equalTo(3)));
        Eventually.assertThat(WAIT, () -> assertTrue(counter("projection.events.duplicate") - duplicatesBefore >= 3));
        given().get("/agreements/{id}/timeline", id).then().body("entries.streamVersion", contains(1, 2, 3));
        // the leaders' meeting and the talks
        given().get("/agreements/{id}", id).then().body("milestonesReached", hasSize(2));
        given().get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments", hasSize(1))
                .body("total.investments", equalTo(1))
                .body("total.disclosed[0].amount", equalTo("100.00"));
    }

    @Test
    void copiesInsideOneBatchAreAppliedOnceAndCountedAsDuplicates() {
        String id = "one-batch-" + UUID.randomUUID().toString().substring(0, 8);
        double duplicatesBefore = counter("projection.events.duplicate");
        double appliedBefore = counter("projection.events.applied");
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            Sample opened = Sample.of("NegotiationOpened").inStream(id);
            Sample met = Sample.of("LeadersMet").inStream(id);
            live.stop();
            // published while nobody consumes: the next poll hands them over together
            broker.publish(opened, met, opened, met, met);
        } finally {
            live.start();
        }
        Eventually.assertThat(
                WAIT,
                () -> given().get("/agreements/{id}", id).then().statusCode(200).body("basis.eventsKnown", equalTo(2)));
        Eventually.assertThat(WAIT, () -> assertEquals(0, live.totalLag()));
        given().get("/agreements/{id}/timeline", id).then().body("entries.streamVersion", contains(1, 2));
        // other tests' stragglers may add to the counters, never take from them
        double duplicates = counter("projection.events.duplicate") - duplicatesBefore;
        assertTrue(duplicates >= 3, "the three copies are counted as received again: " + duplicates);
        assertTrue(counter("projection.events.applied") - appliedBefore >= 2);
    }

    /**
     * One batch holds a redelivery of an applied event, a poison record and new events of the same stream: the
     * poison record is dead-lettered, the redelivery folds nothing into the agreement's state, the new events
     * fold once each (the state's event count is the fact rows' count).
     */
    @Test
    void aBatchWithARedeliveryAndAPoisonRecordFoldsEachNewEventOnce() {
        String id = "fold-once-" + UUID.randomUUID().toString().substring(0, 8);
        List<Sample> february = Stories.february(id);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(february.subList(0, 5));
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(5)));
            live.stop();
            try {
                // published while nobody consumes: the next poll hands them over together
                broker.publish(february.get(2));
                org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> next =
                        february.get(5).toRecord();
                broker.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        next.topic(),
                        null,
                        id,
                        "<not json>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        next.headers()));
                broker.publish(february.subList(5, february.size()));
                broker.publish(Stories.june(id));
            } finally {
                live.start();
            }
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("basis.eventsKnown", equalTo(14))
                .body("stage", equalTo("CONCLUDED")));
        Eventually.assertThat(WAIT, () -> assertEquals(0, live.totalLag()));
        int pending = given().get("/agreements/{id}", id).then().extract().path("milestonesPending.size()");
        given().get("/agreements")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.stage", equalTo("CONCLUDED"))
                .body("find { it.id == '" + id + "' }.lastVersion", equalTo(14))
                .body("find { it.id == '" + id + "' }.pendingMilestones", equalTo(pending));
        // the stored state begins with the number of events folded into it (a 4-byte integer)
        long folded = pool.preparedQuery("select ('x' || encode(substring(state from 1 for 4), 'hex'))::bit(32)::int"
                        + " from agreement_summary where negotiation_id = $1 and generation ="
                        + " (select generation from projection_generation where state = 'ACTIVE')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getInteger(0);
        assertEquals(14, folded, "each event folded once into the agreement's state");
    }

    @Test
    void aRestartThatReplaysEverythingCountsNothingTwiceAndCatchesUpInBatches() throws Exception {
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String many = "catch-up-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            List<Sample> before = new ArrayList<>(Stories.february(id));
            before.addAll(Stories.investments(id, id));
            broker.publish(before);
            Eventually.assertThat(
                    WAIT,
                    () -> given().get("/agreements/{id}/investments", id).then().body("investments", hasSize(4)));
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", id).then().body("basis.eventsKnown", equalTo(10)));
            String status = given().get("/agreements/{id}", id).asString();
            String timeline = given().get("/agreements/{id}/timeline", id).asString();
            String investments = given().get("/agreements/{id}/investments", id).asString();

            live.stop();
            // the live consumers start where the database says: both forgotten, they read from the beginning
            LiveGroup.resetKafkaOffsetsToTheBeginning();
            LiveGroup.forgetDatabasePositions(pool);
            // while it is down, 300 more events arrive
            List<Sample> backlog = new ArrayList<>();
            backlog.add(Sample.of("NegotiationOpened").inStream(many));
            Sample talks = Sample.of("TalksHeld").inStream(many);
            for (int v = 2; v <= 300; v++) {
                backlog.add(talks.version(v));
            }
            broker.publish(backlog);
            double applied = counter("projection.events.applied");
            double duplicates = counter("projection.events.duplicate");
            double transactions = counter("projection.transactions");

            live.start();
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", many)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(300)));
            Eventually.assertThat(WAIT, () -> assertEquals(0, live.totalLag()));
            // every record published before the reset comes again (this test's own at least: other tests' records
            // are in the topics too); a consumer that has not joined yet reports no lag, so wait for the count
            Eventually.assertThat(
                    WAIT,
                    () -> assertTrue(
                            counter("projection.events.duplicate") - duplicates >= before.size(),
                            "everything before was received again and skipped: "
                                    + (counter("projection.events.duplicate") - duplicates)));

            assertEquals(status, given().get("/agreements/{id}", id).asString(), "status unchanged by the replay");
            assertEquals(timeline, given().get("/agreements/{id}/timeline", id).asString());
            assertEquals(
                    investments, given().get("/agreements/{id}/investments", id).asString());
            double newlyApplied = counter("projection.events.applied") - applied;
            double replayed = counter("projection.events.duplicate") - duplicates;
            double batches = counter("projection.transactions") - transactions;
            assertEquals(300, newlyApplied, "only the backlog is new");
            assertTrue(
                    batches * 10 <= newlyApplied + replayed,
                    "a catch-up is applied in batches: " + batches + " transactions for " + (newlyApplied + replayed));
        } finally {
            live.start();
        }
    }

    private double counter(String name) {
        Counter c = registry.find(name).tag("consumer", "live").counter();
        return c == null ? 0 : c.count();
    }
}
