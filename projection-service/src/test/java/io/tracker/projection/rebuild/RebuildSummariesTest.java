package io.tracker.projection.rebuild;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tracker.projection.Management;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A rebuild folds the agreement states (and list rows) of the new generation during its replay, batch by batch:
 * with small batches (every stream's history spread over several of the replay's transactions, corrections and retractions
 * in other batches than the facts they amend) and small pages, every agreement_summary row of the new generation
 * equals the one the live consumer computed in the old generation, and a stream that gets events while the
 * rebuild runs ends up with the row its whole history gives.
 */
@QuarkusTest
@TestProfile(RebuildSummariesTest.SmallBatches.class)
class RebuildSummariesTest {

    /**
     * Batches of at most 4 records (live and replay); the last pass (streams without a usable state) in small pages (3 streams, 30 facts: two 14-event
     * stories a page); retired rows kept long enough to compare them.
     */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tracker.projection.max-poll-records",
                    "4",
                    "tracker.projection.rebuild-max-poll-records",
                    "4",
                    "tracker.projection.summary-page-streams",
                    "3",
                    "tracker.projection.summary-page-facts",
                    "30",
                    "tracker.projection.retired-generation-grace",
                    "10m");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration DB = Duration.ofSeconds(10);
    private static final String SUMMARY_COLUMNS = "negotiation_id, title, parties, stage, last_milestone,"
            + " last_milestone_kind, last_milestone_date, pending_milestones, binding, last_version, last_recorded_at";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    @Test
    void theRebuiltAgreementListEqualsTheLiveOne() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, 4)
                .mapToObj(i -> "summaries-" + i + "-" + run)
                .toList();
        String late = "summaries-late-" + run;
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            // the streams' events interleaved: each stream's history is spread over the topic
            List<List<Sample>> stories = ids.stream()
                    .map(id -> {
                        List<Sample> story = new ArrayList<>(Stories.february(id));
                        story.addAll(Stories.june(id));
                        return story;
                    })
                    .toList();
            List<Sample> interleaved = new ArrayList<>();
            for (int k = 0; k < stories.get(0).size(); k++) {
                for (List<Sample> story : stories) {
                    interleaved.add(story.get(k));
                }
            }
            broker.publish(interleaved);
            broker.publish(Stories.investments(ids.get(0), run));
            broker.publish(Stories.february(late));
            for (String id : ids) {
                Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                        .then()
                        .statusCode(200)
                        .body("basis.eventsKnown", equalTo(14)));
            }
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", late)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(10)));
            Eventually.assertThat(WAIT, () -> Management.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'projection-consumers' }.data.state", equalTo("LIVE")));
            int oldGeneration = given().get("/admin/rebuild").then().extract().path("activeGeneration");
            List<String> listBefore = agreementList(ids);

            Response started = given().post("/admin/rebuild");
            assertEquals(202, started.statusCode(), started.asString());
            int generation = started.path("generation");
            // events that arrive while the rebuild runs (the live consumer writes them to both generations)
            broker.publish(Stories.june(late));
            Eventually.assertThat(WAIT, () -> given().get("/admin/rebuild")
                    .then()
                    .statusCode(200)
                    .body("generation", equalTo(generation))
                    .body("state", equalTo("ACTIVE"))
                    .body("activeGeneration", equalTo(generation)));

            Response status = given().get("/admin/rebuild");
            long events = ((Number) status.path("eventsApplied")).longValue();
            long transactions = ((Number) status.path("transactions")).longValue();
            assertTrue(events >= 70, "the rebuild replayed everything: " + events);
            assertTrue(
                    transactions * 4 >= events,
                    "batches of at most 4: " + transactions + " transactions, " + events + " events");
            for (String id : ids) {
                long batches = pool.preparedQuery("select count(distinct applied_at) from fact where generation = $1"
                                + " and stream_type = 'negotiation' and stream_id = $2")
                        .execute(Tuple.of(generation, id))
                        .await()
                        .atMost(DB)
                        .iterator()
                        .next()
                        .getLong(0);
                assertTrue(batches > 1, id + " was replayed in several transactions: " + batches);
            }

            // every row of the new generation equals the old generation's (the stream that changed during the
            // rebuild aside: the old generation may have been retired before the live consumer applied that)
            List<String> before = summaries(oldGeneration, late);
            List<String> after = summaries(generation, late);
            assertFalse(before.isEmpty());
            for (String id : ids) {
                assertTrue(after.stream().anyMatch(r -> r.startsWith(id + "|")), "a row for " + id + " in " + after);
            }
            assertEquals(before, after, "the rebuilt agreement list equals the live one");
            assertEquals(listBefore, agreementList(ids), "GET /agreements answers the same from the new generation");

            // the stream that got events during the rebuild: the row of its whole history (the same story as ids[1])
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", late)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(14)));
            Eventually.assertThat(
                    WAIT,
                    () -> assertEquals(
                            withoutId(summary(generation, ids.get(1))), withoutId(summary(generation, late))));
            assertEquals(withoutId(summary(generation, ids.get(1))), withoutId(summary(generation, ids.get(2))));
        }
    }

    private List<String> agreementList(List<String> ids) {
        Response list = given().get("/agreements");
        assertEquals(200, list.statusCode());
        return ids.stream()
                .map(id -> list.jsonPath().getString("find { it.id == '" + id + "' }"))
                .toList();
    }

    /** The rows of a generation (all but {@code except}), each as its columns joined by '|', in id order. */
    private List<String> summaries(int generation, String except) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("select " + SUMMARY_COLUMNS + " from agreement_summary where generation = $1"
                        + " and negotiation_id <> $2 order by negotiation_id")
                .execute(Tuple.of(generation, except))
                .await()
                .atMost(DB)
                .forEach(row -> rows.add(text(row)));
        return rows;
    }

    private String summary(int generation, String id) {
        var rows = pool.preparedQuery("select " + SUMMARY_COLUMNS + " from agreement_summary where generation = $1"
                        + " and negotiation_id = $2")
                .execute(Tuple.of(generation, id))
                .await()
                .atMost(DB);
        assertEquals(1, rows.size(), "a row for " + id + " in generation " + generation);
        return text(rows.iterator().next());
    }

    private static String withoutId(String row) {
        return row.substring(row.indexOf('|'));
    }

    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            s.append(i == 0 ? "" : "|").append(row.getValue(i));
        }
        return s.toString();
    }
}
