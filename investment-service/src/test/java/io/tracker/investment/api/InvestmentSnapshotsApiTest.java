package io.tracker.investment.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tracker.core.store.SnapshotStore;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.investment.messaging.InvestmentSnapshots;
import io.tracker.local.test.TestTokens;

/**
 * Snapshots of investment streams, with no state kept in memory (every command loads its stream) and a snapshot
 * every 2 events: the snapshot is written in investment-service's encoding, a command decides on it and the events
 * after it as it would on the whole stream, and a cold load does start from it.
 */
@QuarkusTest
@TestProfile(InvestmentSnapshotsApiTest.Snapshotting.class)
class InvestmentSnapshotsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class Snapshotting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.command.snapshot-every", "2", "tracker.command.kept-state-bytes", "0");
        }
    }

    @Inject
    SnapshotStore snapshots;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    private static ValidatableResponse post(String path, String id, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/investments/{id}/" + path, id)
                .then();
    }

    @Test
    void aColdLoadStartsFromTheSnapshotAndDecidesAsOnTheWholeStream() throws Exception {
        String id = Bodies.newId("snap");
        given().contentType(ContentType.JSON)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201);
        post("commitment", id, Bodies.commit()).statusCode(200);
        post("revisions", id, Bodies.revise()).statusCode(200);
        post("milestones", id, Bodies.milestone()).statusCode(200).body("version", equalTo(4));

        // decided on the snapshot and the events after it: refused as on the whole stream
        post("milestones", id, Bodies.milestone()).statusCode(422).body("code", equalTo("milestone-already-reached"));
        post("commitment", id, Bodies.commit()).statusCode(422).body("code", equalTo("already-committed"));
        SnapshotStore.Snapshot snapshot = awaitSnapshot(id, 4);
        assertEquals(InvestmentSnapshots.ENCODING, snapshot.encoding());

        // a snapshot that says the milestone was not reached lets it be recorded again: the load started from it
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = (ObjectNode) json.readTree(snapshot.state());
        ArrayNode facts = (ArrayNode) state.get("facts");
        int before = facts.size();
        for (int i = facts.size() - 1; i >= 0; i--) {
            if (facts.get(i).get("type").asText().equals("InvestmentMilestoneReached")) {
                facts.remove(i);
            }
        }
        assertEquals(before - 1, facts.size());
        snapshots
                .write(id, new SnapshotStore.Snapshot(4, InvestmentSnapshots.ENCODING + "-edited", "{}"))
                .await()
                .atMost(WAIT); // another encoding replaces it ...
        snapshots
                .write(id, new SnapshotStore.Snapshot(4, InvestmentSnapshots.ENCODING, json.writeValueAsString(state)))
                .await()
                .atMost(WAIT); // ... and the edited state replaces that
        post("milestones", id, Bodies.milestone()).statusCode(200).body("version", equalTo(5));
    }

    private SnapshotStore.Snapshot awaitSnapshot(String id, long version) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SnapshotStore.Snapshot s = snapshots.read(id).await().atMost(WAIT);
            if (s != null && s.version() == version) {
                return s;
            }
            assertTrue(System.nanoTime() < deadline, "a snapshot at version " + version + ", found " + s);
            Thread.sleep(50);
        }
    }
}
