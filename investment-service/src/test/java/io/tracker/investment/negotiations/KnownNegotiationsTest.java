package io.tracker.investment.negotiations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.investment.Management;
import io.tracker.local.test.TestTokens;

/**
 * The known-negotiations view on the real broker: records published to tracker.negotiation.events the way
 * negotiation-service publishes them (its golden samples in binary mode) reach the view, and links follow.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownNegotiationsTest {
    /** A bounded wait for the consumer (not a timing assertion: it usually takes well under a second). */
    private static final Duration AT_MOST = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    MeterRegistry registry;

    private NegotiationTopic topic;

    @BeforeAll
    void producer() {
        topic = new NegotiationTopic(bootstrap);
    }

    @AfterAll
    void close() {
        topic.close();
    }

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void aLinkToAnUnknownNegotiationIsRefusedUntilItsOpeningHasArrived() {
        String negotiation = Bodies.newId("ca-kr");
        String investment = Bodies.newId("lges");

        given().contentType(ContentType.JSON)
                .body(Bodies.announce(investment, negotiation))
                .post("/investments")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-negotiation"))
                .body("code", equalTo("unknown-negotiation"))
                .body("errors[0].field", equalTo("negotiationIds[0]"))
                .body("detail", containsString("'" + negotiation + "' is not known to this service yet"))
                .body("detail", containsString("may be a moment behind"))
                .body("detail", containsString("retry shortly"));
        given().get("/investments/{id}", investment).then().statusCode(404);

        topic.send(NegotiationTopic.sample("NegotiationOpened", negotiation, 1));
        awaitKnown(negotiation);

        given().contentType(ContentType.JSON)
                .body(Bodies.announce(investment, negotiation))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"");
        given().get("/investments/{id}", investment)
                .then()
                .statusCode(200)
                .body("negotiationIds", equalTo(List.of(negotiation)));
        given().queryParam("negotiationId", negotiation)
                .get("/investments")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of(investment)));
        given().get("/known-negotiations/{id}", negotiation)
                .then()
                .statusCode(200)
                .body("title", equalTo("Canada–Korea industrial cooperation"))
                .body("terminated", equalTo(false))
                .body("lastVersion", equalTo(1));

        // a correction that links another negotiation is checked the same way
        String other = Bodies.newId("ca-kr");
        given().contentType(ContentType.JSON)
                .body("""
                {"correctsVersion": 1, "correction": {"negotiationIds": ["%s", "%s"]},
                 "reason": "Also part of the other talks", "sources": [%s]}""".formatted(negotiation, other, Bodies.ISED))
                .post("/investments/{id}/corrections", investment)
                .then()
                .statusCode(422)
                .body("code", equalTo("unknown-negotiation"))
                .body("errors[0].field", equalTo("correction.negotiationIds[1]"));
        given().get("/investments/{id}/events", investment).then().body("size()", equalTo(1));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnceAndATerminationIsKept() {
        String negotiation = Bodies.newId("ca-kr");
        double applied = count("applied");
        double duplicates = count("duplicate");

        ObjectNode opened = NegotiationTopic.sample("NegotiationOpened", negotiation, 1);
        topic.send(opened);
        topic.send(NegotiationTopic.sample("NegotiationTerminated", negotiation, 2));
        topic.send(opened); // redelivered, as at-least-once delivery may
        await("the redelivery was seen", () -> count("duplicate") >= duplicates + 1);

        assertEquals(duplicates + 1, count("duplicate"));
        assertEquals(applied + 2, count("applied"));
        given().get("/known-negotiations/{id}", negotiation)
                .then()
                .statusCode(200)
                .body("terminated", equalTo(true))
                .body("terminatedOn", equalTo("2026-06"))
                .body("terminatedUntil", equalTo("2026-06-30"))
                .body("lastVersion", equalTo(2))
                .body("title", equalTo("Canada–Korea industrial cooperation"));

        // terminated in 2026-06: an investment that came later cannot be linked to it, an earlier one can
        given().contentType(ContentType.JSON)
                .body(Bodies.announceOn(Bodies.newId("lges"), "2026-09", negotiation))
                .post("/investments")
                .then()
                .statusCode(422)
                .body("code", equalTo("negotiation-terminated"))
                .body("errors[0].field", equalTo("negotiationIds[0]"));
        given().contentType(ContentType.JSON)
                .body(Bodies.announceOn(Bodies.newId("lges"), "2026-01-29", negotiation))
                .post("/investments")
                .then()
                .statusCode(201);
    }

    @Test
    void aRetryGetsItsFirstAnswerEvenWhenTheLinkWouldNowBeRefused() {
        String negotiation = Bodies.newId("ca-kr");
        String investment = Bodies.newId("lges");
        String key = "retry-" + investment;
        topic.send(NegotiationTopic.sample("NegotiationOpened", negotiation, 1));
        awaitKnown(negotiation);
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.announceOn(investment, "2026-09", negotiation))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false");

        // terminated in 2026-06: a new announcement of 2026-09 would now be refused ...
        topic.send(NegotiationTopic.sample("NegotiationTerminated", negotiation, 2));
        await(
                negotiation + " is terminated",
                () -> Boolean.TRUE.equals(given().get("/known-negotiations/{id}", negotiation)
                        .then()
                        .extract()
                        .path("terminated")));
        given().contentType(ContentType.JSON)
                .body(Bodies.announceOn(Bodies.newId("lges"), "2026-09", negotiation))
                .post("/investments")
                .then()
                .statusCode(422)
                .body("code", equalTo("negotiation-terminated"));

        // ... but the retry of the accepted one gets its first answer: the key is looked up before any check
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.announceOn(investment, "2026-09", negotiation))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"1\"");
        given().get("/investments/{id}/events", investment).then().body("size()", equalTo(1));
    }

    @Test
    void aPoisonRecordDoesNotStopTheRecordsBehindIt() {
        String negotiation = Bodies.newId("ca-kr");
        double poison = count("poison");
        double ignored = count("ignored");

        // not JSON, under a type the view reads
        ProducerRecord<String, String> notJson =
                NegotiationTopic.binary(NegotiationTopic.sample("NegotiationOpened", negotiation, 1));
        topic.send(new ProducerRecord<>(notJson.topic(), null, negotiation, "{this is not json", notJson.headers()));
        // not a CloudEvent at all
        topic.send(new ProducerRecord<>(NegotiationTopic.TOPIC, null, negotiation, "{}", new RecordHeaders()));
        // data that names another negotiation than the subject
        ObjectNode mismatched = NegotiationTopic.sample("NegotiationOpened", negotiation, 1);
        ((ObjectNode) mismatched.get("data")).put("negotiationId", "someone-else");
        topic.send(mismatched);
        // a type the view does not need
        topic.send(NegotiationTopic.sample("LeadersMet", negotiation, 2));
        // then the opening itself, behind all of them in the partition (same key)
        ObjectNode opened = NegotiationTopic.sample("NegotiationOpened", negotiation, 1);
        topic.send(opened);

        awaitKnown(negotiation);
        assertEquals(poison + 3, count("poison"));
        assertEquals(ignored + 1, count("ignored"));
        given().get("/known-negotiations/{id}", negotiation)
                .then()
                .statusCode(200)
                .body("lastVersion", equalTo(1));

        String metrics = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(metrics.contains("tracker_known_negotiations_records_total{outcome=\"poison\"}"), metrics);
    }

    @Test
    void aRecordWithANulCharacterTheDatabaseRefusesIsSkipped() {
        String negotiation = Bodies.newId("ca-kr");
        double poison = count("poison");
        ObjectNode bad = NegotiationTopic.sample("NegotiationOpened", negotiation, 1);
        ((ObjectNode) bad.get("data")).put("title", "nul \u0000 inside");
        topic.send(bad);
        ObjectNode good = NegotiationTopic.sample("NegotiationOpened", negotiation, 2);
        topic.send(good);

        awaitKnown(negotiation);
        assertEquals(poison + 1, count("poison"));
        given().get("/known-negotiations/{id}", negotiation).then().body("lastVersion", equalTo(2));
        given().get("/known-negotiations/{id}", "never-heard-of-it")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private double count(String outcome) {
        return registry.get(NegotiationEventsConsumer.RECORDS_METRIC)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static void awaitKnown(String negotiation) {
        await(
                negotiation + " is known",
                () -> given().get("/known-negotiations/{id}", negotiation)
                                .then()
                                .extract()
                                .statusCode()
                        == 200);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + AT_MOST.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
