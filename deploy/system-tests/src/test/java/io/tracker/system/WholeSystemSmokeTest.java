package io.tracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The three services as real processes on a real broker and database: a command reaches the projection. */
class WholeSystemSmokeTest {

    @Test
    void aCommandReachesTheProjection() throws Exception {
        try (SystemUnderTest sut = new SystemUnderTest("smoke").startAll()) {
            String body = """
                    {"id": "smoke-negotiation", "title": "Smoke test", "parties": ["CA", "KR"], "description": "smoke",
                     "fact": {"date": "2026-01-29", "status": "OCCURRED",
                              "sources": [{"title": "t", "publisher": "p", "kind": "NEWS"}]}}""";
            var response = sut.post("negotiation-service", "/negotiations", body, "smoke-1");
            assertEquals(201, response.statusCode(), response.body());
            Eventually.until(
                    Duration.ofSeconds(60),
                    () -> sut.get("projection-service", "/agreements/smoke-negotiation", sut.analystToken)
                                    .statusCode()
                            == 200,
                    "the projection has the negotiation");
        }
    }
}
