package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Stories;

/** The questions, answered from events published (from the golden samples) to the real broker. */
@QuarkusTest
class AgreementQueriesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String id;

    @BeforeEach
    void publishTheStory() {
        Auth.asAnalyst();
        id = "queries-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(id));
            broker.publish(Stories.investments(id, id));
        }
        // 8 entries: the correction (v8) and the retraction (v10) are shown with the events they amend
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("basis.eventsKnown", equalTo(10)));
    }

    @Test
    void statusNow() {
        given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("COMMITTEE_FORMED"))
                .body("title", equalTo("Canada–Korea industrial cooperation"))
                .body("parties", contains("CA", "KR"))
                .body(
                        "milestonesReached.summary",
                        contains(
                                "leaders' meeting: held", "delegation talks: held", "MOU: signed", "committee: formed"))
                .body("milestonesPending.summary", hasItem("forum: announced, not established"))
                .body("lastMilestone.summary", equalTo("committee: formed"))
                .body("binding", equalTo(false))
                .body("instruments[0].kind", equalTo("MOU"))
                .body("instruments[0].binding", equalTo(false))
                .body("participants.name", hasItems("Mélanie Joly", "Jung-Kwan Kim", "Hoon-Sik Kang", "Mark Carney"))
                .body("focusAreas", hasItems("CRITICAL_MINERALS", "BATTERIES", "ELECTRIC_VEHICLES"));
    }

    @Test
    void theListShowsStageAndLastMilestone() {
        Eventually.assertThat(WAIT, () -> given().get("/agreements")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.stage", equalTo("COMMITTEE_FORMED"))
                .body("find { it.id == '" + id + "' }.lastMilestone.summary", equalTo("committee: formed"))
                .body("find { it.id == '" + id + "' }.lastVersion", equalTo(10)));
    }

    @Test
    void timelineInBusinessDateOrderWithPrecisionSourcesAndAmendments() {
        given().get("/agreements/{id}/timeline", id)
                .then()
                .statusCode(200)
                // 2025-10-late (v1, v2, v9), 2026-01-late (v3 as corrected), 2026-01-29 (v4, v5); then what is only
                // announced, by when it is expected: the mission in spring 2026 (v7), the forum in 2026 (v6)
                .body("entries.streamVersion", contains(1, 2, 9, 3, 4, 5, 7, 6))
                .body("entries.find { it.streamVersion == 6 }.label", equalTo("forum: announced, not established"))
                .body("entries.find { it.streamVersion == 6 }.expected", equalTo(true))
                .body("entries[0].date.precision", equalTo("PART_OF_MONTH"))
                .body("entries[0].date.text", equalTo("2025-10-late"))
                .body("entries[0].sources[0].kind", equalTo("NEWS"))
                .body("entries.find { it.streamVersion == 4 }.sources[0].kind", equalTo("OFFICIAL"))
                .body("entries.find { it.streamVersion == 3 }.standing", equalTo("CORRECTED"))
                .body("entries.find { it.streamVersion == 3 }.date.text", equalTo("2026-01-late"))
                .body("entries.find { it.streamVersion == 3 }.amendments[0].kind", equalTo("CORRECTION"))
                .body("entries.find { it.streamVersion == 3 }.amendments[0].dateBefore.text", equalTo("2026-01-29"))
                .body("entries.find { it.streamVersion == 9 }.standing", equalTo("RETRACTED"))
                .body("entries.find { it.streamVersion == 9 }.amendments[0].kind", equalTo("RETRACTION"))
                .body("entries.find { it.streamVersion == 9 }.amendments[0].streamVersion", equalTo(10));
    }

    @Test
    void asOfABusinessDate() {
        given().queryParam("asOf", "2025-12-01")
                .get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("LEADERS_ENGAGED"))
                .body("milestonesReached.summary", contains("leaders' meeting: held"))
                .body("milestonesPending", hasSize(0))
                .body("asOf.businessDate", equalTo("2025-12-01"));
        given().queryParam("asOf", "2025-12-01")
                .get("/agreements/{id}/timeline", id)
                .then()
                .statusCode(200)
                .body("entries.streamVersion", contains(1, 2, 9));
        // inside "late October 2025": possibly, not simply reached
        given().queryParam("asOf", "2025-10-25")
                .get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("OPENED"))
                .body("possibleProgress", equalTo("LEADERS_ENGAGED"))
                .body("milestonesReached", hasSize(0))
                .body(
                        "milestonesPossiblyReached.summary",
                        contains("leaders' meeting: possibly held by then (dated 2025-10-late)"));
        given().queryParam("asOf", "2025-10-25")
                .get("/agreements/{id}/timeline", id)
                .then()
                .statusCode(200)
                .body("entries.possibly", contains(true, true, true));
    }

    @Test
    void knownAtARecordedTime() {
        // before the MOU was recorded (14:15), the talks not yet corrected (15:00)
        given().queryParam("knownAt", "2026-02-02T14:12:00Z")
                .get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("stage", equalTo("LEADERS_ENGAGED"))
                .body("basis.eventsKnown", equalTo(3));
        given().queryParam("knownAt", "2026-02-02T14:12:00Z")
                .get("/agreements/{id}/timeline", id)
                .then()
                .body("entries.find { it.streamVersion == 3 }.date.text", equalTo("2026-01-29"))
                .body("entries.find { it.streamVersion == 3 }.standing", equalTo("IN_FORCE"));
        // after the duplicate was recorded (15:30), before its retraction (15:40)
        given().queryParam("knownAt", "2026-02-02T15:35:00Z")
                .get("/agreements/{id}/timeline", id)
                .then()
                .body("entries.find { it.streamVersion == 9 }.standing", equalTo("IN_FORCE"))
                .body("entries.find { it.streamVersion == 3 }.standing", equalTo("CORRECTED"));
        // both axes: what we knew at 14:12 about what had happened by 2025-12-01
        given().queryParam("knownAt", "2026-02-02T14:12:00Z")
                .queryParam("asOf", "2025-12-01")
                .get("/agreements/{id}/timeline", id)
                .then()
                .body("entries.streamVersion", contains(1, 2));
        // before anything was recorded
        given().queryParam("knownAt", "2026-02-01")
                .get("/agreements/{id}", id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void investmentsWithTotalsPerCurrencyAndUndisclosedApart() {
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments", hasSize(4)));
        given().get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments.find { it.investmentId == 'ford-" + id + "' }.state", equalTo("WITHDRAWN"))
                .body(
                        "investments.find { it.investmentId == 'lges-" + id + "' }.amount.amount",
                        equalTo("5000000000.00"))
                .body("investments.find { it.investmentId == 'posco-" + id + "' }.amount.undisclosed", equalTo(true))
                .body("total.investments", equalTo(3))
                .body("total.undisclosed", equalTo(1))
                .body("total.disclosed.currency", contains("CAD", "USD"))
                .body("total.disclosed.amount", contains("5000000000.00", "500000000.00"))
                .body("byInvestor.find { it.key == 'LG Energy Solution' }.disclosed.currency", contains("CAD", "USD"))
                .body("byInvestor.find { it.key == 'POSCO Future M' }.undisclosed", equalTo(1))
                .body("byInvestor.find { it.key == 'POSCO Future M' }.disclosed", hasSize(0))
                .body("bySector.find { it.key == 'CATHODE_MATERIALS' }.undisclosed", equalTo(1))
                .body(
                        "byProvince.find { it.key == 'CA-ON' }.disclosed.amount",
                        contains("5000000000.00", "500000000.00"))
                .body("byProvince.find { it.key == 'CA-QC' }.investments", equalTo(1));
        // as of 2025-12-01 the LGES announcement of 2026-01-29 had not happened yet; Ford's of 2023 had
        given().queryParam("asOf", "2025-12-01")
                .get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments.investmentId", contains("ford-" + id))
                .body("investments[0].state", equalTo("WITHDRAWN"))
                .body("total.investments", equalTo(0))
                .body("total.disclosed", hasSize(0));
        // before the correction naming the partner was recorded (2026-02-03 14:05)
        given().queryParam("knownAt", "2026-02-03T14:00:00Z")
                .get("/agreements/{id}/investments", id)
                .then()
                .body("investments.find { it.investmentId == 'lges-" + id + "' }.partners", hasSize(0))
                .body("investments.find { it.investmentId == 'ford-" + id + "' }.state", equalTo("ANNOUNCED"));
    }

    @Test
    void badInputIsAProblem() {
        given().queryParam("asOf", "December")
                .get("/agreements/{id}", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/bad-parameter"))
                .body("errors[0].field", equalTo("asOf"));
        given().queryParam("knownAt", "yesterday")
                .get("/agreements/{id}/timeline", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("knownAt"));
        given().get("/agreements/{id}", "Not_A_Slug")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
        given().get("/agreements/{id}", "never-heard-of-it")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("errors", nullValue());
    }
}
