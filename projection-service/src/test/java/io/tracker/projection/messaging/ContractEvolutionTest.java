package io.tracker.projection.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.SdkRecords;
import io.tracker.projection.support.Stories;

/**
 * The evolution of contract 1.1.0 end to end on the real broker and database: one negotiation's correction is
 * a FactCorrected v1 record (as published before 1.1.0 and still on the topic), another's the same correction
 * at v2, written by the CloudEvents Java SDK. Both give the same answers live, and again after a rebuild that
 * replays the topics from the beginning (the v1 record read through the upcaster).
 */
@QuarkusTest
class ContractEvolutionTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    @Test
    void v1AndSdkWrittenV2CorrectionsGiveTheSameAnswersLiveAndAfterARebuild() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String v1 = "evolution-v1-" + suffix;
        String v2 = "evolution-v2-" + suffix;
        List<Sample> storyV2 = new ArrayList<>();
        for (Sample s : Stories.february(v2)) {
            storyV2.add(
                    s.type().equals("FactCorrected")
                            ? Sample.read(Sample.NEGOTIATION_SAMPLES.resolve("FactCorrected.v2.json"))
                                    .inStream(v2)
                            : s);
        }
        assertEquals(
                1,
                storyV2.stream()
                        .filter(s -> "2".equals(s.attributeValue("schemaversion")))
                        .count());
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(v1));
            storyV2.forEach(s -> broker.send(SdkRecords.record(s)));
        }
        for (String id : List.of(v1, v2)) {
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("basis.eventsKnown", equalTo(10)));
        }
        List<String> paths = List.of(
                "/agreements/%s",
                "/agreements/%s/timeline", "/agreements/%s?asOf=2026-01-25&knownAt=2026-02-02T15:10:00Z");
        List<String> live = answers(paths, v1);
        assertEquals(live, answers(paths, v2), "a v1 and a v2 correction give the same answers");
        assertTrue(live.get(1).contains("2026-01-late"), "the talks are dated as corrected: " + live.get(1));

        int active = given().get("/admin/rebuild").then().extract().path("activeGeneration");
        Response started = given().post("/admin/rebuild");
        assertEquals(202, started.statusCode(), started.asString());
        int generation = started.path("generation");
        assertTrue(generation > active);
        Eventually.assertThat(WAIT, () -> given().get("/admin/rebuild")
                .then()
                .statusCode(200)
                .body("generation", equalTo(generation))
                .body("state", equalTo("ACTIVE"))
                .body("activeGeneration", equalTo(generation)));
        assertEquals(live, answers(paths, v1), "the rebuild reads the stored v1 correction the same way");
        assertEquals(live, answers(paths, v2), "and the v2 one");
    }

    /** The answers about one negotiation, with its id and the event ids (derived from it) written out. */
    private static List<String> answers(List<String> paths, String id) {
        return paths.stream()
                .map(p -> {
                    Response r = given().get(String.format(p, id));
                    assertEquals(200, r.statusCode(), p + " " + r.asString());
                    return r.asString().replace(id, "<id>").replaceAll(UUID_PATTERN, "<uuid>");
                })
                .toList();
    }
}
