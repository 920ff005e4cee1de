package io.tracker.projection.rebuild;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A rebuild with indicators and claims in the streams (FIGURE events: recorded, corrected, retracted, between and
 * after the facts; each stream's history spread over the replay's batches of at most 4): every fact row, list row
 * and stored state of the rebuilt generation equals the live generation's, and the figures, timeline and status
 * answer the same from it.
 */
@QuarkusTest
@TestProfile(RebuildSummariesTest.SmallBatches.class)
class RebuildFiguresTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Duration DB = Duration.ofSeconds(10);
    private static final List<String> FIGURES =
            List.of("IndicatorRecorded", "IndicatorCorrected", "IndicatorRetracted", "ClaimRecorded", "ClaimRetracted");
    private static final String FACT_COLUMNS = "stream_type, stream_id, stream_version, event_id, event_type,"
            + " schema_version, date_text, date_precision, date_earliest, date_latest, fact_status, target_version,"
            + " recorded_at, source_topic, source_partition, source_offset, payload::text";
    private static final String SUMMARY_COLUMNS = "negotiation_id, title, parties, stage, last_milestone,"
            + " last_milestone_kind, last_milestone_date, pending_milestones, binding, last_version, last_recorded_at,"
            + " state_encoding, encode(state, 'hex')";
    private static final String ENTRY_COLUMNS = "negotiation_id, stream_version, event_type, date_text, date_precision,"
            + " date_earliest, date_latest, fact_status, title, mission_id, parties, corrected_by, retracted";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    @Test
    void theRebuiltGenerationEqualsTheLiveOneWithFiguresPresent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> "figures-rebuild-" + i + "-" + run)
                .toList();
        List<List<Sample>> stories = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            List<Sample> story = new ArrayList<>(Stories.february(id));
            // the indicator and the claim between the facts (v15-v19 arrive before June's v11-v14) or after them
            if (i == 0) {
                FIGURES.forEach(type -> story.add(Sample.of(type).inStream(id)));
                story.addAll(Stories.june(id));
            } else {
                story.addAll(Stories.june(id));
                FIGURES.forEach(type -> story.add(Sample.of(type).inStream(id)));
            }
            if (i == 2) {
                Collections.shuffle(story, new Random(7)); // versions out of order: amendments before what they amend
            }
            stories.add(story);
        }
        List<Sample> interleaved = new ArrayList<>();
        for (int k = 0; k < stories.get(0).size(); k++) {
            for (List<Sample> story : stories) {
                interleaved.add(story.get(k));
            }
        }
        int events = stories.get(0).size();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(interleaved);
        }
        int oldGeneration = given().get("/admin/rebuild").then().extract().path("activeGeneration");
        for (String id : ids) {
            Eventually.assertThat(WAIT, () -> assertEquals(events, count(oldGeneration, id), id + " applied live"));
            Eventually.assertThat(WAIT, () -> assertEquals(19L, lastVersion(oldGeneration, id), id + "'s list row"));
        }
        List<String> paths = new ArrayList<>();
        for (String id : ids) {
            for (String tail : List.of(
                    "",
                    "/timeline",
                    "/indicators",
                    "/claims",
                    "/indicators?knownAt=2026-06-15T10:01:30Z",
                    "/claims?knownAt=2026-06-15T10:03:30Z")) {
                paths.add("/agreements/" + id + tail);
            }
        }
        List<String> answers = paths.stream()
                .map(p -> {
                    Response r = given().get(p);
                    assertEquals(200, r.statusCode(), p + ": " + r.asString());
                    return r.asString();
                })
                .toList();
        assertTrue(answers.get(3).contains("\"claims\""), answers.get(3));
        List<String> factsBefore =
                rows(FACT_COLUMNS, "fact", "stream_id", oldGeneration, ids, "stream_id, stream_version");
        List<String> summariesBefore =
                rows(SUMMARY_COLUMNS, "agreement_summary", "negotiation_id", oldGeneration, ids, "negotiation_id");
        assertEquals(3 * events, factsBefore.size());
        assertTrue(factsBefore.stream().anyMatch(r -> r.contains("|ClaimRetracted|")), "figure events are facts' rows");
        assertEquals(3, summariesBefore.size());
        List<String> entriesBefore = rows(
                ENTRY_COLUMNS,
                "agreement_fact",
                "negotiation_id",
                oldGeneration,
                ids,
                "negotiation_id, stream_version");
        assertFalse(entriesBefore.isEmpty());

        Response started = given().post("/admin/rebuild");
        assertEquals(202, started.statusCode(), started.asString());
        int generation = started.path("generation");
        Eventually.assertThat(
                WAIT,
                () -> assertEquals(
                        "ACTIVE",
                        pool.preparedQuery("select state from projection_generation where generation = $1")
                                .execute(Tuple.of(generation))
                                .await()
                                .atMost(DB)
                                .iterator()
                                .next()
                                .getString(0)));

        assertEquals(
                factsBefore,
                rows(FACT_COLUMNS, "fact", "stream_id", generation, ids, "stream_id, stream_version"),
                "the rebuilt facts equal the live ones, figure events included");
        assertEquals(
                summariesBefore,
                rows(SUMMARY_COLUMNS, "agreement_summary", "negotiation_id", generation, ids, "negotiation_id"),
                "the rebuilt list rows and stored states equal the live ones");
        assertEquals(
                entriesBefore,
                rows(
                        ENTRY_COLUMNS,
                        "agreement_fact",
                        "negotiation_id",
                        generation,
                        ids,
                        "negotiation_id, stream_version"),
                "the rebuilt state entries equal the live ones");
        for (int i = 0; i < paths.size(); i++) {
            assertEquals(
                    answers.get(i), given().get(paths.get(i)).asString(), paths.get(i) + " from the new generation");
        }
    }

    private long count(int generation, String id) {
        return pool.preparedQuery("select count(*) from fact where generation = $1 and stream_id = $2")
                .execute(Tuple.of(generation, id))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getLong(0);
    }

    private long lastVersion(int generation, String id) {
        var rows = pool.preparedQuery(
                        "select last_version from agreement_summary where generation = $1" + " and negotiation_id = $2")
                .execute(Tuple.of(generation, id))
                .await()
                .atMost(DB);
        return rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
    }

    /** The generation's rows of these streams (generation and applied_at left out), each as its columns joined. */
    private List<String> rows(
            String columns, String table, String idColumn, int generation, List<String> ids, String order) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("select " + columns + " from " + table + " where generation = $1 and " + idColumn
                        + " = any($2) order by " + order)
                .execute(Tuple.of(generation, ids.toArray(String[]::new)))
                .await()
                .atMost(DB)
                .forEach(row -> rows.add(text(row)));
        return rows;
    }

    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            s.append(i == 0 ? "" : "|").append(row.getValue(i));
        }
        return s.toString();
    }
}
