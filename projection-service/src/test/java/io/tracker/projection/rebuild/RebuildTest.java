package io.tracker.projection.rebuild;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tracker.projection.persistence.GenerationPartitions;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A rebuild replays both topics into a new generation and switches over once caught up, while queries keep
 * answering (the same answers) from the old one; events that arrive during the rebuild are not lost.
 */
@QuarkusTest
class RebuildTest {

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void rebuildWhileQueriesKeepAnswering() throws Exception {
        String id = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        String during = "during-" + id;
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(id));
            broker.publish(Stories.investments(id, id));
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", id).then().body("basis.eventsKnown", equalTo(10)));
            Eventually.assertThat(
                    WAIT,
                    () -> given().get("/agreements/{id}/investments", id).then().body("investments", hasSize(4)));
            Eventually.assertThat(WAIT, () -> given().get("/agreements")
                    .then()
                    .body("find { it.id == '" + id + "' }.lastVersion", equalTo(10)));
            List<String> paths = List.of(
                    "/agreements/" + id,
                    "/agreements/" + id + "/timeline",
                    "/agreements/" + id + "/investments",
                    "/agreements/" + id + "?asOf=2025-12-01&knownAt=2026-02-02T15:35:00Z");
            List<String> expected =
                    paths.stream().map(p -> given().get(p).asString()).toList();
            int oldGeneration = given().get("/admin/rebuild").then().extract().path("activeGeneration");
            List<String> heapRatios = heapFreeRatios();

            AtomicBoolean querying = new AtomicBoolean(true);
            AtomicInteger queries = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Thread analyst = new Thread(() -> {
                while (querying.get()) {
                    for (int i = 0; i < paths.size(); i++) {
                        Response r = given().get(paths.get(i));
                        queries.incrementAndGet();
                        if (r.statusCode() != 200 || !r.asString().equals(expected.get(i))) {
                            failures.add(paths.get(i) + " -> " + r.statusCode() + " " + r.asString());
                        }
                    }
                    Response list = given().get("/agreements");
                    if (list.statusCode() != 200
                            || list.jsonPath()
                                            .getList("findAll { it.id == '" + id + "' }")
                                            .size()
                                    != 1) {
                        failures.add("/agreements -> " + list.statusCode());
                    }
                }
            });
            analyst.start();
            try {
                Response started = given().post("/admin/rebuild");
                assertEquals(202, started.statusCode(), started.asString());
                int generation = started.path("generation");
                assertTrue(generation > oldGeneration);
                assertEquals(
                        "/admin/rebuild",
                        java.net.URI.create(started.header("Location")).getPath());
                assertTrue(started.path("groupId").toString().startsWith("projection-service-rebuild-"));
                // an event that arrives while the rebuild runs
                broker.publish(Sample.of("NegotiationOpened").inStream(during));

                Eventually.assertThat(WAIT, () -> given().get("/admin/rebuild")
                        .then()
                        .statusCode(200)
                        .body("generation", equalTo(generation))
                        .body("state", equalTo("ACTIVE"))
                        .body("activeGeneration", equalTo(generation)));
                Thread.sleep(500);
            } finally {
                querying.set(false);
                analyst.join();
            }
            assertTrue(failures.isEmpty(), "queries failed or changed during the rebuild: " + failures.peek());
            // the rebuild's heap free ratios (45/75 in tests) are the JVM's own again once its consumer ended
            Eventually.assertThat(WAIT, () -> assertEquals(heapRatios, heapFreeRatios()));
            assertTrue(queries.get() > 10, "queries ran during the rebuild: " + queries.get());

            Response status = given().get("/admin/rebuild");
            long events = ((Number) status.path("eventsApplied")).longValue();
            long transactions = ((Number) status.path("transactions")).longValue();
            assertTrue(events >= 21, "the rebuild replayed everything: " + events);
            assertTrue(
                    transactions * 5 <= events,
                    "the replay is batched: " + transactions + " transactions, " + events + " events");

            for (int i = 0; i < paths.size(); i++) {
                assertEquals(
                        expected.get(i), given().get(paths.get(i)).asString(), "same answer from the new generation");
            }
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", during).then().statusCode(200));
            // new events go to the new generation
            broker.publish(Sample.of("LeadersMet").inStream(during));
            Eventually.assertThat(
                    WAIT,
                    () -> given().get("/agreements/{id}", during).then().body("stage", equalTo("LEADERS_ENGAGED")));
            // the old generation's rows are purged after the grace period
            Eventually.assertThat(
                    WAIT,
                    () -> assertEquals(
                            0L,
                            pool.preparedQuery("select count(*) from fact where generation = $1")
                                    .execute(Tuple.of(oldGeneration))
                                    .await()
                                    .atMost(Duration.ofSeconds(5))
                                    .iterator()
                                    .next()
                                    .getLong(0)));
        }
    }

    @Test
    void oneRebuildAtATimeAndOneCanBeAbandoned() {
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Sample.of("NegotiationOpened")
                    .inStream("abandon-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        int active = given().get("/admin/rebuild").then().extract().path("activeGeneration");
        // hold the next generation's partition of the agreement list so that the rebuild cannot get far (its
        // partitions attached first, as the service does when it creates the generation: then it finds them there)
        int next = pool.query("select max(generation) + 1 from projection_generation")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getInteger(0);
        for (String table : GenerationPartitions.TABLES) {
            pool.preparedQuery("select projection_attach_generation($1, $2)")
                    .execute(Tuple.of(table, next))
                    .await()
                    .atMost(WAIT);
        }
        SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
        try {
            blocker.query("begin").execute().await().atMost(WAIT);
            blocker.query("lock table " + GenerationPartitions.partition("agreement_summary", next)
                            + " in access exclusive mode")
                    .execute()
                    .await()
                    .atMost(WAIT);
            Response started = given().post("/admin/rebuild");
            assertEquals(202, started.statusCode(), started.asString());
            int generation = started.path("generation");
            assertEquals(next, generation);
            given().post("/admin/rebuild")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/rebuild-running"));
            given().delete("/admin/rebuild")
                    .then()
                    .statusCode(200)
                    .body("generation", equalTo(generation))
                    .body("state", equalTo("FAILED"));
        } finally {
            blocker.query("rollback").execute().await().atMost(WAIT);
            blocker.closeAndAwait();
        }
        given().delete("/admin/rebuild").then().statusCode(404).contentType("application/problem+json");
        given().get("/admin/rebuild").then().body("state", equalTo("FAILED")).body("activeGeneration", equalTo(active));
    }

    private static List<String> heapFreeRatios() {
        var vm = java.lang.management.ManagementFactory.getPlatformMXBean(
                com.sun.management.HotSpotDiagnosticMXBean.class);
        return List.of(
                vm.getVMOption("MinHeapFreeRatio").getValue(),
                vm.getVMOption("MaxHeapFreeRatio").getValue());
    }
}
