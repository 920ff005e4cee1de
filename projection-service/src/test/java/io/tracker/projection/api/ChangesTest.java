package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Stories;

/**
 * What changed between two recorded times, from the bitemporal fact table, on a real broker and database: the
 * February story records v1–v7 from 14:00 to 14:30, corrects v3 at 15:00 (v8), adds a duplicate at 15:30 (v9)
 * and retracts it at 15:40 (v10), all on 2026-02-02; the investments follow on 2026-02-03.
 */
@QuarkusTest
class ChangesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private String id;

    @BeforeEach
    void publish() {
        Auth.asAnalyst();
        id = "changes-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(id));
            broker.publish(Stories.investments(id, id));
        }
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                .then()
                .statusCode(200)
                .body("basis.eventsKnown", equalTo(10)));
        Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}/investments", id)
                .then()
                .statusCode(200)
                .body("investments", hasSize(4)));
    }

    @Test
    void betweenTwoKnownAtTimesACorrectionAndARetraction() {
        given().queryParam("from", "2026-02-02T14:50:00Z")
                .queryParam("to", "2026-02-02T15:45:00Z")
                .get("/agreements/{id}/changes", id)
                .then()
                .statusCode(200)
                .body("changes.kind", contains("CORRECTED", "ADDED", "RETRACTED"))
                .body("changes.streamVersion", contains(8, 9, 10))
                .body("changes[0].targetVersion", equalTo(3))
                .body("changes[0].targetType", equalTo("TalksHeld"))
                .body("changes[0].date.text", equalTo("2026-01-late"))
                .body("changes[1].type", equalTo("LeadersMet"))
                .body("changes[2].targetVersion", equalTo(9))
                .body("changes[2].targetType", equalTo("LeadersMet"))
                .body("changes[2].reason", org.hamcrest.Matchers.containsString("Duplicate"))
                .body("counts.ADDED", equalTo(1))
                .body("counts.CORRECTED", equalTo(1))
                .body("counts.RETRACTED", equalTo(1))
                .body("changes.agreements", everyItem(contains(id)))
                .body("more", equalTo(false));
        // t1 -> t2 excludes t1 and includes t2: 15:00 itself is not after 15:00
        given().queryParam("from", "2026-02-02T15:00:00Z")
                .queryParam("to", "2026-02-02T15:30:00Z")
                .get("/agreements/{id}/changes", id)
                .then()
                .body("changes.streamVersion", contains(9));
        // the first day until 14:30: only additions (the investments' first facts were recorded at 09:14–09:43)
        given().queryParam("from", "2026-02-01")
                .queryParam("to", "2026-02-02T14:30:00Z")
                .get("/agreements/{id}/changes", id)
                .then()
                .body("changes.kind", everyItem(equalTo("ADDED")))
                .body("changes.findAll { it.stream == 'negotiation' }.streamVersion", contains(1, 2, 3, 4, 5, 6, 7))
                .body(
                        "changes.findAll { it.stream == 'investment' }.recordedAt",
                        everyItem(org.hamcrest.Matchers.startsWith("2026-02-02T09:")));
        // the next day: the investments naming the agreement
        given().queryParam("from", "2026-02-02T23:59:59Z")
                .get("/agreements/{id}/changes", id)
                .then()
                .body("changes.stream", everyItem(equalTo("investment")))
                .body("changes.agreements", everyItem(hasItem(id)))
                .body(
                        "changes.find { it.streamId == 'lges-" + id + "' && it.kind == 'RETRACTED' }.targetVersion",
                        equalTo(6));
        // across all agreements: the same retraction is among them
        given().queryParam("from", "2026-02-02T15:35:00Z")
                .queryParam("to", "2026-02-02T15:45:00Z")
                .get("/changes")
                .then()
                .statusCode(200)
                .body("changes.find { it.streamId == '" + id + "' }.kind", equalTo("RETRACTED"));
    }

    @Test
    void sinceAPositionEveryChangeOnceInRecordedOrder() {
        List<String> seen = new ArrayList<>();
        String since = null;
        for (int page = 0; page < 20; page++) {
            var request = given().queryParam("limit", 3);
            if (since != null) {
                request.queryParam("since", since);
            }
            JsonPath answer = request.get("/agreements/{id}/changes", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> streams = answer.getList("changes.streamId");
            List<Integer> versions = answer.getList("changes.streamVersion");
            for (int i = 0; i < streams.size(); i++) {
                seen.add(streams.get(i) + " v" + versions.get(i));
            }
            since = answer.getString("next");
            if (!answer.getBoolean("more")) {
                break;
            }
        }
        // the negotiation's 10 events in order, and the investments' 11 (7 + 2 + 1 + 1), each once
        assertEquals(
                java.util.stream.IntStream.rangeClosed(1, 10)
                        .mapToObj(v -> id + " v" + v)
                        .toList(),
                seen.stream().filter(s -> s.startsWith(id + " ")).toList());
        assertEquals(21, seen.size(), seen.toString());
        assertEquals(21, new java.util.HashSet<>(seen).size(), "none twice: " + seen);
        // nothing new since the last position
        given().queryParam("since", since)
                .get("/agreements/{id}/changes", id)
                .then()
                .body("changes", hasSize(0))
                .body("next", equalTo(since));
    }

    @Test
    void changesExportedAsCsvAndBadParameters() throws Exception {
        JsonPath json = given().queryParam("from", "2026-02-02T14:50:00Z")
                .get("/agreements/{id}/changes", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, String>> rows = AcrossAgreementsTest.parse(given().queryParam("from", "2026-02-02T14:50:00Z")
                .accept("text/csv")
                .get("/agreements/{id}/changes", id)
                .asString());
        assertEquals(
                json.getList("changes.kind"),
                rows.stream().map(r -> r.get("kind")).toList());
        assertEquals(
                json.getList("changes.streamId"),
                rows.stream().map(r -> r.get("streamId")).toList());
        assertEquals(
                json.getList("changes.recordedAt"),
                rows.stream().map(r -> r.get("recordedAt")).toList());
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream()
                .anyMatch(r -> r.get("kind").equals("RETRACTED")
                        && r.get("targetVersion").equals("9")));

        Map.of("from", "yesterday", "to", "soon", "since", "somewhere", "limit", "100000", "format", "pdf")
                .forEach((name, value) -> given().queryParam(name, value)
                        .get("/changes")
                        .then()
                        .statusCode(400)
                        .contentType("application/problem+json")
                        .body("errors[0].field", equalTo(name)));
        given().queryParam("from", "2026-02-03")
                .queryParam("to", "2026-02-02")
                .get("/changes")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().get("/agreements/{id}/changes", "Not_An_Id")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }
}
