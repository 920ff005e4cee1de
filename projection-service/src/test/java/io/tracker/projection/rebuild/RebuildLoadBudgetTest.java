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
import java.util.regex.Matcher;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A load whose state budget is too small for every agreement: the states that fit are folded by the load, the others
 * are dropped from its memory and folded by the last pass from their facts; either way the rebuilt list rows (state
 * bytes included), entries, facts and links equal the live generation's, for the Canada-Korea story (corrections, a
 * retraction, trade missions, stalls and resumptions, investments) spread over small batches.
 */
@QuarkusTest
@TestProfile(RebuildLoadBudgetTest.SmallBudget.class)
class RebuildLoadBudgetTest {

    /** The load on, batches of at most 4 records, a state budget of 24 KB (two or three 14-event stories). */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tracker.projection.rebuild-load",
                    "true",
                    "tracker.projection.rebuild-max-poll-records",
                    "4",
                    "tracker.projection.max-poll-records",
                    "4",
                    "tracker.projection.rebuild-load-state-budget-kb",
                    "24");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(120);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    RebuildService rebuilds;

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    @Test
    void theStreamsOverTheBudgetAreFoldedByTheLastPassAndTheRowsAreTheSame() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids =
                IntStream.range(0, 8).mapToObj(i -> "budget-" + i + "-" + run).toList();
        GenerationRows rows = new GenerationRows(pool);
        int active;
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            // each stream's history spread over the topic, so that the load folds it over several batches
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
            List<Sample> investments = Stories.investments(ids.get(0), run);
            broker.publish(investments);
            for (String id : ids) {
                Eventually.assertThat(
                        WAIT, () -> given().get("/agreements/{id}", id).then().body("basis.eventsKnown", equalTo(14)));
            }
            active = given().get("/admin/rebuild").then().extract().path("activeGeneration");
            // the investments come in batches of their own (at most 4 records): every one applied before the snapshot
            Eventually.assertThat(
                    WAIT, () -> assertEquals(investments.size(), rows.facts(active, run, "investment"), "investments"));
        }
        List<String> expected = rows.all(active, run);
        assertFalse(expected.isEmpty());
        assertTrue(expected.stream().anyMatch(r -> r.startsWith("agreement_fact|")), "entries compared");

        Response started = given().post("/admin/rebuild");
        assertEquals(202, started.statusCode(), started.asString());
        assertEquals("LOADING", started.path("state"));
        int generation = started.path("generation");
        Eventually.assertThat(WAIT, () -> assertEquals("ACTIVE", rows.state(generation)));

        assertEquals(expected, rows.all(generation, run), "the rebuilt rows equal the live ones");
        Matcher folded = RebuildLoadTest.FOLDED.matcher(rebuilds.lastLoad());
        assertTrue(folded.find(), rebuilds.lastLoad());
        long left = Long.parseLong(folded.group(3));
        assertTrue(left > 0, "some streams over the budget: " + rebuilds.lastLoad());
        assertTrue(rebuilds.lastPassStreams() > 0, "the last pass folded them: " + rebuilds.lastPassStreams());
        assertEquals(left, rebuilds.lastPassStreams(), "those the load left, none else: " + rebuilds.lastLoad());
    }
}
