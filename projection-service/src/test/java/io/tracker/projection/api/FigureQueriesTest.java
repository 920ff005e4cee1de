package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * Indicators and claims published (from the golden samples) to the real broker and read from the real database:
 * an indicator with a correction, as of a business date and as known at a time; a claim kept apart from the facts.
 */
@QuarkusTest
class FigureQueriesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String id;

    @BeforeEach
    void publishTheStory() {
        Auth.asAnalyst();
        id = "figures-" + UUID.randomUUID().toString().substring(0, 8);
        List<Sample> story = new ArrayList<>(Stories.february(id));
        story.add(Sample.of("IndicatorRecorded").inStream(id)); // v15, 2026-06-15T10:00Z: 125,000 jobs, EXACT
        story.add(Sample.of("IndicatorCorrected").inStream(id)); // v16, 10:01: MORE_THAN, + the analysts' source
        story.add(Sample.of("ClaimRecorded").inStream(id)); // v18, 10:03: the opinion piece's claim
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(story);
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/claims", id)
                .then()
                .statusCode(200)
                .body("claims", hasSize(1)));
    }

    @Test
    void anIndicatorAsCorrectedAndAsKnownBeforeTheCorrection() {
        given().get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("agreementId", equalTo(id))
                .body("indicators", hasSize(1))
                .body("indicators[0].version", equalTo(15))
                .body("indicators[0].value", equalTo("125000"))
                .body("indicators[0].qualifier", equalTo("MORE_THAN"))
                .body("indicators[0].unit", equalTo("jobs"))
                .body("indicators[0].currency", nullValue())
                .body("indicators[0].period.text", equalTo("2024"))
                .body("indicators[0].scope", equalTo("Canada"))
                .body("indicators[0].correctedBy", equalTo(16))
                .body("indicators[0].sources.kind", contains("OFFICIAL", "ANALYST"));
        given().queryParam("knownAt", "2026-06-15T10:00:30Z")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", hasSize(1))
                .body("indicators[0].qualifier", equalTo("EXACT"))
                .body("indicators[0].correctedBy", equalTo(0))
                .body("indicators[0].sources.kind", contains("OFFICIAL"));
        given().queryParam("knownAt", "2026-06-14")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", empty());
        given().queryParam("asOf", "2023-12-31")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", empty());
        given().queryParam("asOf", "2024-06-30")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", hasSize(1));
    }

    @Test
    void aRetractionRemovesTheIndicatorFromThenOn() {
        try (Broker broker = new Broker(bootstrap)) {
            broker.publish(List.of(Sample.of("IndicatorRetracted").inStream(id))); // v17, 10:02
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", empty()));
        given().queryParam("knownAt", "2026-06-15T10:01:30Z")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators", hasSize(1))
                .body("indicators[0].qualifier", equalTo("MORE_THAN"));
    }

    @Test
    void aClaimIsApartFromTheFactsAndSupportsNone() {
        given().get("/agreements/{id}/claims", id)
                .then()
                .statusCode(200)
                .body("claims[0].version", equalTo(18))
                .body("claims[0].attributedTo.kind", equalTo("OPINION"))
                .body("claims[0].attributedTo.publisher", nullValue())
                .body("claims[0].attributedTo.publisherText", equalTo("publisher not stated"))
                .body("claims[0].supportsFacts", equalTo(false));
        // the facts are those of February alone: no entry, milestone or source from the claim or the indicator
        given().get("/agreements/{id}/timeline", id)
                .then()
                .statusCode(200)
                .body(
                        "entries.type",
                        everyItem(not(org.hamcrest.Matchers.anyOf(
                                equalTo("ClaimRecorded"),
                                equalTo("IndicatorRecorded"),
                                equalTo("IndicatorCorrected")))))
                .body("entries.sources.flatten().kind", everyItem(not(equalTo("ANALYST"))))
                .body(
                        "entries.sources.flatten().title",
                        everyItem(not(org.hamcrest.Matchers.containsString("Raising US Manufacturing Questions"))));
        given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("COMMITTEE_FORMED"))
                .body(
                        "milestonesReached.summary",
                        contains(
                                "leaders' meeting: held",
                                "delegation talks: held",
                                "MOU: signed",
                                "committee: formed"));
        given().get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(200)
                .body("indicators.name", everyItem(not(org.hamcrest.Matchers.containsString("USA"))));
    }

    @Test
    void badParametersNameTheParameter() {
        given().queryParam("asOf", "December")
                .get("/agreements/{id}/indicators", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("asOf"));
        given().queryParam("knownAt", "soon")
                .get("/agreements/{id}/claims", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("knownAt"));
        given().get("/agreements/{id}/indicators", "NO")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }
}
