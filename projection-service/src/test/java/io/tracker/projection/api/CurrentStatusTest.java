package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;

/**
 * The current status (no asOf, no knownAt) is kept for repeated questions: asked again it is not read and folded
 * again, yet a new fact shows at once, and it equals the answer computed from the facts.
 */
@QuarkusTest
class CurrentStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheKeptStatusAndANewFactShowsAtOnce() throws Exception {
        String id = "current-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", id).then().statusCode(200));

            double hits = count("hit");
            double misses = count("miss");
            String first = given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            for (int i = 0; i < 3; i++) {
                assertEquals(first, given().get("/agreements/{id}", id).asString());
            }
            assertEquals(4, count("hit") - hits, "asked four times, read and folded once before");
            assertEquals(0, count("miss") - misses);

            broker.publish(Sample.of("LeadersMet").inStream(id));
            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("stage", equalTo("LEADERS_ENGAGED")));
            assertEquals(
                    withoutQuestion(given().get("/agreements/{id}", id).asString()),
                    withoutQuestion(given().queryParam(
                                    "knownAt",
                                    Instant.now().plus(1, ChronoUnit.DAYS).toString())
                            .get("/agreements/{id}", id)
                            .asString()),
                    "the kept answer equals the one computed from the facts");
        }
        given().get("/agreements/{id}", "current-nobody").then().statusCode(404);
    }

    private double count(String result) {
        return registry.get("tracker.status.cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }

    private static String withoutQuestion(String status) throws Exception {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(status);
        node.remove("asOf");
        return node.toString();
    }
}
