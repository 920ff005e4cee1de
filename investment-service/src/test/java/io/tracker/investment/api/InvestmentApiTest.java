package io.tracker.investment.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.investment.Management;
import io.tracker.local.test.TestTokens;

/** The command API on the real database (links to negotiations: see KnownNegotiationsTest). */
@QuarkusTest
class InvestmentApiTest {

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    private static String announce() {
        String id = Bodies.newId("lges");
        given().contentType(ContentType.JSON)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201);
        return id;
    }

    private static int eventCount(String id) {
        return given().get("/investments/{id}/events", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
    }

    private static ValidatableResponse post(String path, String id, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/investments/{id}/" + path, id)
                .then();
    }

    @Test
    void anInvestmentIsAnnouncedCommittedRevisedAndReachesAMilestoneWithETags() {
        String id = Bodies.newId("lges");
        given().contentType(ContentType.JSON)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", containsString("/investments/" + id))
                .body("id", equalTo(id))
                .body("version", equalTo(1))
                .body("events[0].type", equalTo("InvestmentAnnounced"));

        given().get("/investments/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("project", equalTo("NextStar Energy EV battery cell and module plant"))
                .body("investor.country", equalTo("KR"))
                .body("site.province", equalTo("CA-ON"))
                .body("amount.undisclosed", equalTo(true))
                .body("committed", equalTo(false));

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.commit())
                .post("/investments/{id}/commitment", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("events[0].type", equalTo("InvestmentCommitted"));
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"2\"")
                .body(Bodies.revise())
                .post("/investments/{id}/revisions", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"3\"")
                .body(Bodies.milestone())
                .post("/investments/{id}/milestones", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"")
                .body("events[0].type", equalTo("InvestmentMilestoneReached"));

        given().get("/investments/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"")
                .body("version", equalTo(4))
                .body("committed", equalTo(true))
                .body("amount.amount", equalTo("5000000000.00"))
                .body("amount.currency", equalTo("CAD"))
                .body("expectedJobs", equalTo(2500))
                .body("milestones", equalTo(List.of("CONSTRUCTION_STARTED")))
                .body("facts", hasSize(4))
                .body("facts[1].type", equalTo("InvestmentCommitted"))
                .body("facts[1].businessDate", equalTo("2023-07-05"))
                .body("facts[1].precision", equalTo("DAY"))
                .body("facts[3].precision", equalTo("MONTH"));

        given().get("/investments/{id}/events", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"")
                .body("$", hasSize(4))
                .body("[2].type", equalTo("InvestmentRevised"))
                .body("[2].schemaVersion", equalTo(1))
                .body("[2].occurredOn", equalTo("2022-06-02"))
                .body("[2].actor", equalTo("test-recorder"))
                .body("[2].data.amount.amount", equalTo("5000000000.00"));
    }

    @Test
    void correctionsAndRetractionsKeepTheHistory() {
        String id = announce();
        post("commitment", id, Bodies.commit()).statusCode(200);
        post("revisions", id, Bodies.revise()).statusCode(200).header("ETag", "\"3\"");

        post("corrections", id, """
                {"correctsVersion": 1,
                 "correction": {"partners": [{"name": "Stellantis N.V.", "country": "NL"},
                                             {"name": "NextStar Energy", "country": "CA"}]},
                 "reason": "The joint venture is a partner too", "sources": [%s]}""".formatted(Bodies.CANADIAN_PRESS))
                .statusCode(200)
                .header("ETag", "\"4\"")
                .body("events[0].type", equalTo("InvestmentFactCorrected"));
        post("retractions", id, """
                {"retractsVersion": 3, "reason": "The figure was for the whole joint venture", "sources": [%s]}""".formatted(Bodies.CANADIAN_PRESS))
                .statusCode(200)
                .header("ETag", "\"5\"");

        given().get("/investments/{id}", id)
                .then()
                .statusCode(200)
                .body("partners", hasSize(2))
                .body("partners[1].name", equalTo("NextStar Energy"))
                .body("amount.undisclosed", equalTo(true))
                .body("retractedVersions", equalTo(List.of(3)))
                .body("facts", hasSize(2));
        assertEquals(5, eventCount(id));

        post("withdrawal", id, """
                {"reason": "Illustrative only", "businessDate": "2026-05", "status": "OCCURRED", "sources": [%s]}""".formatted(Bodies.ISED)).statusCode(200).header("ETag", "\"6\"");
        given().get("/investments/{id}", id).then().body("withdrawn", equalTo(true));
    }

    @Test
    void aStaleIfMatchIsRefusedWithTheCurrentVersionAndChangesNothing() {
        String id = announce();
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.commit())
                .post("/investments/{id}/commitment", id)
                .then()
                .statusCode(200);

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(Bodies.revise())
                .post("/investments/{id}/revisions", id)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .header("ETag", "\"2\"")
                .body("type", equalTo("/problems/version-conflict"))
                .body("currentVersion", equalTo(2));
        assertEquals(2, eventCount(id));

        given().contentType(ContentType.JSON)
                .header("If-Match", "two")
                .body(Bodies.revise())
                .post("/investments/{id}/revisions", id)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
        assertEquals(2, eventCount(id));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndAppendsNothing() {
        String id = Bodies.newId("lges");
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .header("X-Correlation-Id", "corr-" + id)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("events[0].eventId");

        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"1\"")
                .body("events[0].eventId", equalTo(first))
                .body("replayed", equalTo(true));
        assertEquals(1, eventCount(id));
        given().get("/investments/{id}/events", id).then().body("[0].correlationId", equalTo("corr-" + id));

        String commitKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .header("Idempotency-Key", commitKey)
                    .body(Bodies.commit())
                    .post("/investments/{id}/commitment", id)
                    .then()
                    .statusCode(200)
                    .header("ETag", "\"2\"");
        }
        assertEquals(2, eventCount(id));

        // the same key for another request is a client bug: refused, nothing appended
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(Bodies.milestone())
                .post("/investments/{id}/milestones", id)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"));
        assertEquals(2, eventCount(id));
    }

    @Test
    void invalidAnnouncementsGetProblemDetailsNamingTheFieldsAndRecordNothing() {
        String id = Bodies.newId("lges");
        String body = Bodies.announce(id);
        badAnnouncement(body.replace("\"CA-ON\"", "\"ON\""), "site.province");
        badAnnouncement(body.replace("\"CA-ON\"", "\"CA-XX\""), "site.province");
        badAnnouncement(body.replace("\"country\": \"CA\"}", "\"country\": \"US\"}"), "site.province");
        badAnnouncement(
                body.replace("{\"undisclosed\": true}", "{\"amount\": \"5000000000.00\", \"currency\": \"EURO\"}"),
                "amount.currency");
        badAnnouncement(
                body.replace("{\"undisclosed\": true}", "{\"amount\": \"0.00\", \"currency\": \"CAD\"}"),
                "amount.amount");
        badAnnouncement(
                body.replace("{\"undisclosed\": true}", "{\"amount\": \"-5.00\", \"currency\": \"CAD\"}"),
                "amount.amount");
        badAnnouncement(
                body.replace(
                        "{\"undisclosed\": true}",
                        "{\"amount\": \"5000000000.00\", \"currency\": \"CAD\", \"undisclosed\": true}"),
                "amount");
        badAnnouncement(body.replace("{\"undisclosed\": true}", "{\"currency\": \"CAD\"}"), "amount.amount");
        badAnnouncement(body.replace("\"businessDate\"", "\"expectedJobs\": -100, \"businessDate\""), "expectedJobs");
        badAnnouncement(
                body.replace(
                        "{\"name\": \"LG Energy Solution\", \"country\": \"KR\"}",
                        "{\"name\": \"LG Energy Solution\", \"country\": \"Korea\"}"),
                "investor.country");
        badAnnouncement(
                body.replace("\"negotiationIds\": []", "\"negotiationIds\": [\"Canada Korea\"]"), "negotiationIds[0]");
        badAnnouncement(body.replace("\"kind\": \"OFFICIAL\"", "\"kind\": null"), "sources[0].kind");
        badAnnouncement(body.replace("\"2026-01-29\", \"status\"", "\"2026-02-30\", \"status\""), "businessDate");

        given().contentType(ContentType.JSON)
                .body(body.replace("\"project\"", "\"projekt\""))
                .post("/investments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unknown-field"))
                .body("errors[0].field", equalTo("projekt"));
        given().contentType(ContentType.JSON)
                .body(body.replace("\"city\"", "\"town\""))
                .post("/investments")
                .then()
                .statusCode(400)
                .body("type", equalTo("/problems/unknown-field"))
                .body("errors[0].field", equalTo("site.town"));
        given().contentType(ContentType.JSON)
                .body(body.replace("\"BATTERY_CELLS\"", "\"BATTERIES\""))
                .post("/investments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sector"));
        given().contentType(ContentType.JSON)
                .body(body.replace("{\"undisclosed\": true}", "{\"amount\": \"a lot\", \"currency\": \"CAD\"}"))
                .post("/investments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("amount.amount"));
        given().contentType(ContentType.JSON)
                .body("{\"investmentId\": ")
                .post("/investments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        given().get("/investments/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    private static void badAnnouncement(String body, String field) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/investments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void invalidCommandsOnAnExistingInvestmentChangeNothing() {
        String id = announce();
        post("commitment", id, Bodies.commit().replace("2500", "-1"))
                .statusCode(400)
                .body("errors.field", hasItem("expectedJobs"));
        post("commitment", id, Bodies.commit().replace("\"sources\": [" + Bodies.LGES_RELEASE + "]", "\"sources\": []"))
                .statusCode(400)
                .body("errors.field", hasItem("sources"));
        post("revisions", id, Bodies.revise().replace("\"CAD\"", "\"cad\""))
                .statusCode(400)
                .body("errors.field", hasItem("amount.currency"));
        post("commitment", id, Bodies.commit().replace("\"OCCURRED\"", "\"RUMOURED\""))
                .statusCode(400)
                .body("errors[0].field", containsString("status"));
        post("corrections", id, """
                {"correctsVersion": 1, "correction": {"expectedJobs": -3}, "reason": "typo", "sources": [%s]}""".formatted(Bodies.ISED))
                .statusCode(400)
                .body("errors.field", hasItem("correction.expectedJobs"));
        post("corrections", id, """
                {"correctsVersion": 1, "correction": {"site": {"city": "Windsor", "province": "QC", "country": "CA"}},
                 "reason": "typo", "sources": [%s]}""".formatted(Bodies.ISED))
                .statusCode(400)
                .body("errors.field", hasItem("correction.site.province"));
        assertEquals(1, eventCount(id));
    }

    @Test
    void domainRulesAnswer422WithAStableCode() {
        String id = announce();
        post("milestones", id, Bodies.milestone())
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("not-committed"))
                .body("type", equalTo("/problems/not-committed"));
        post("commitment", id, Bodies.commit()).statusCode(200);
        post("commitment", id, Bodies.commit()).statusCode(422).body("code", equalTo("already-committed"));
        post("retractions", id, """
                {"retractsVersion": 1, "reason": "wrong", "sources": [%s]}""".formatted(Bodies.ISED))
                .statusCode(422)
                .body("code", equalTo("announcement-not-retractable"))
                .body("errors[0].field", equalTo("retractsVersion"));
        post("corrections", id, """
                {"correctsVersion": 9, "correction": {"expectedJobs": 3000}, "reason": "x", "sources": [%s]}""".formatted(Bodies.ISED)).statusCode(422).body("code", equalTo("unknown-version"));
        assertEquals(2, eventCount(id));

        given().contentType(ContentType.JSON)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        post("commitment", "no-such-investment", Bodies.commit())
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/investments/{id}", "no-such-investment")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-investment"))
                .body("errors", nullValue());
    }

    @Test
    void theServiceDocumentsItself() {
        Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("investment-service"))
                .body("paths", hasKey("/investments/{id}/commitment"));
        given().get("/contract/asyncapi.yaml").then().statusCode(200);
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
