package io.tracker.negotiation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.local.test.TestTokens;
import io.tracker.negotiation.Auth;

@QuarkusTest
class NegotiationApiTest {

    private static String newId() {
        return "ca-kr-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void open(String id) {
        given().contentType(ContentType.JSON)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201);
    }

    private static int eventCount(String id) {
        return given().get("/negotiations/{id}/events", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void aNegotiationMovesThroughItsStagesWithETags() {
        String id = newId();
        given().contentType(ContentType.JSON)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/negotiations/" + id))
                .body("id", equalTo(id))
                .body("version", equalTo(1))
                .body("events[0].type", equalTo("NegotiationOpened"));

        given().get("/negotiations/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("stage", equalTo("OPENED"))
                .body("parties", equalTo(java.util.List.of("CA", "KR")))
                .body("title", startsWith("Canada–Korea"));

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.leaders())
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"2\"")
                .body(Bodies.mou())
                .post("/negotiations/{id}/mous", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        given().contentType(ContentType.JSON)
                .body(Bodies.committee())
                .post("/negotiations/{id}/committees", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"");

        given().get("/negotiations/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("COMMITTEE_FORMED"))
                .body("version", equalTo(4))
                .body("facts", hasSize(4))
                .body("facts[2].type", equalTo("MouSigned"))
                .body("facts[2].date", equalTo("2026-01-29"))
                .body("facts[2].precision", equalTo("DAY"))
                .body("facts[0].precision", equalTo("PART_OF_MONTH"))
                .body("facts[2].sources[0].kind", equalTo("OFFICIAL"));

        given().get("/negotiations/{id}/events", id)
                .then()
                .statusCode(200)
                .body("$", hasSize(4))
                .body("[2].type", equalTo("MouSigned"))
                .body("[2].schemaVersion", equalTo(1))
                .body("[2].occurredOn", equalTo("2026-01-29"))
                .body("[2].actor", equalTo("test-recorder"))
                .body("[2].data.signatories[1].name", equalTo("Jung-Kwan Kim"));
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentVersionAndChangesNothing() {
        String id = newId();
        open(id);
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.leaders())
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(200);

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.mou())
                .post("/negotiations/{id}/mous", id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .header("ETag", "\"2\"")
                .body("type", equalTo("/problems/version-conflict"))
                .body("status", equalTo(412))
                .body("currentVersion", equalTo(2));
        assertEquals(2, eventCount(id));

        given().contentType(ContentType.JSON)
                .header("If-Match", "three")
                .body(Bodies.mou())
                .post("/negotiations/{id}/mous", id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndAppendsNothing() {
        String id = newId();
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("events[0].eventId");

        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"1\"")
                .body("events[0].eventId", equalTo(first))
                .body("replayed", equalTo(true));
        assertEquals(1, eventCount(id));

        // the same key for another request is a client bug: refused, nothing appended
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.leaders())
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"));
        assertEquals(1, eventCount(id));
    }

    @Test
    void invalidBodiesGetProblemDetailsNamingTheFieldsAndChangeNothing() {
        String id = newId();
        open(id);
        String noSources = Bodies.leaders().replace("\"sources\": [" + Bodies.NEWS + "]", "\"sources\": []");
        given().contentType(ContentType.JSON)
                .body(noSources)
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("fact.sources"));

        given().contentType(ContentType.JSON)
                .body(Bodies.leaders().replace("\"country\": \"KR\"}]", "\"country\": \"Korea\"}]"))
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem("fact.participants[1].country"));

        given().contentType(ContentType.JSON)
                .body(Bodies.leaders().replace("2025-10-late", "2026-02-30"))
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("fact.date"));

        given().contentType(ContentType.JSON)
                .body(Bodies.leaders().replace("2025-10-late", "yesterday"))
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("fact.date"));

        given().contentType(ContentType.JSON)
                .body(Bodies.leaders().replace("\"summary\"", "\"summery\""))
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .body("type", equalTo("/problems/unknown-field"))
                .body("errors[0].field", equalTo("summery"));

        given().contentType(ContentType.JSON)
                .body("{\"summary\": ")
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().contentType(ContentType.JSON)
                .body(Bodies.leaders().replace("\"OCCURRED\"", "\"RUMOURED\""))
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", containsString("status"));

        assertEquals(1, eventCount(id));
    }

    @Test
    void domainRulesAnswer422WithAStableCode() {
        String id = newId();
        open(id);
        given().contentType(ContentType.JSON)
                .body(Bodies.committee())
                .post("/negotiations/{id}/committees", id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("committee-requires-mou"))
                .body("type", equalTo("/problems/committee-requires-mou"));
        assertEquals(1, eventCount(id));

        given().contentType(ContentType.JSON)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Bodies.leaders())
                .post("/negotiations/{id}/leaders-meetings", "no-such-negotiation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/negotiations/{id}", "no-such-negotiation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
