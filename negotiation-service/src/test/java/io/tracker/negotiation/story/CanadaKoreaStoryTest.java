package io.tracker.negotiation.story;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.story.StoryLoader;
import io.tracker.local.test.TestTokens;
import io.tracker.negotiation.Auth;

/** The story the run command loads goes through the public API, and loading it again appends nothing. */
@QuarkusTest
class CanadaKoreaStoryTest {
    private static final Path STORY = Path.of("../deploy/local/stories/canada-korea.json");

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void theStoryLoadsOnceAndReadsAsTheSourcesSayIt() throws Exception {
        StoryLoader loader = new StoryLoader(
                Map.of("negotiation", base.toString().replaceAll("/$", "")), true, TestTokens.recorder());
        StoryLoader.Result first = loader.load(STORY);
        assertEquals(first.total(), first.recorded(), "every negotiation step recorded on the first load");
        // indicators and claims are recorded, but they are not facts
        JsonNode steps = new ObjectMapper().readTree(STORY.toFile()).get("steps");
        int indicators = 0;
        int claims = 0;
        for (JsonNode step : steps) {
            String path = step.path("path").asText();
            indicators += path.endsWith("/indicators") ? 1 : 0;
            claims += path.endsWith("/claims") ? 1 : 0;
        }
        assertEquals(9, indicators, "the figures the ISED release states");
        assertEquals(2, claims, "the opinion piece's claims");

        given().get("/negotiations/ca-kr-industrial-cooperation")
                .then()
                .statusCode(200)
                .body("stage", equalTo("COMMITTEE_FORMED"))
                .body("facts", hasSize(first.total() - indicators - claims))
                .body("facts.find { it.type == 'MouSigned' }.date", equalTo("2026-01-29"))
                .body("facts.find { it.type == 'ForumEstablished' }.status", equalTo("ANNOUNCED"))
                .body("facts.find { it.type == 'TradeMissionAnnounced' }.date", equalTo("2026-spring"))
                .body("facts.find { it.type == 'TradeMissionAnnounced' }.precision", equalTo("SEASON"))
                .body("facts.find { it.type == 'LeadersMet' }.place.city", equalTo("Gyeongju"))
                // publishers as the sources name them: the ISED release's, or plainly none (no internal labels)
                .body(
                        "facts.sources.flatten().publisher.unique().sort()",
                        equalTo(List.of(
                                "Innovation, Science and Economic Development Canada (via CNW)",
                                "publisher not stated")))
                .body("facts.find { it.type == 'LeadersMet' }.sources[0].publisher", equalTo("publisher not stated"));
        given().get("/negotiations/ca-kr-industrial-cooperation/events")
                .then()
                .statusCode(200)
                .body("findAll { it.type == 'IndicatorRecorded' }.size()", equalTo(indicators))
                .body(
                        "find { it.type == 'IndicatorRecorded' && it.data.indicator.unit == 'money' }.data.indicator.currency",
                        equalTo("CAD"))
                .body(
                        "find { it.type == 'ClaimRecorded' }.data.claim.source.publisher",
                        org.hamcrest.Matchers.nullValue())
                .body("find { it.type == 'ClaimRecorded' }.data.claim.source.kind", equalTo("OPINION"));

        StoryLoader.Result second = loader.load(STORY);
        assertEquals(0, second.recorded(), "a second load records nothing");
        assertEquals(first.total(), second.replayed());
        given().get("/negotiations/ca-kr-industrial-cooperation").then().body("version", equalTo(first.total()));
    }
}
