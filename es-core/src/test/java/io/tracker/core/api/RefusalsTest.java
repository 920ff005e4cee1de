package io.tracker.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.http.Problem;

/**
 * Only the explicit bad-input exceptions are a 400 naming the field or header; an IllegalArgumentException of our
 * own code is a 500 that blames nobody and tells nothing of the code (a client cannot fix our bug by changing
 * its request).
 */
@QuarkusTest
class RefusalsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    @Test
    void aBadFieldIsA400NamingTheField() throws Exception {
        JsonNode problem = problem("/test-refusals/bad-field", 400, "/problems/validation");
        assertEquals("signedOn", problem.at("/errors/0/field").asText());
        assertTrue(
                problem.at("/errors/0/message").asText().startsWith("'2026-02-30' is not a real date"),
                problem.toString());
    }

    @Test
    void aBadHeaderIsA400NamingTheHeader() throws Exception {
        JsonNode problem = problem("/test-refusals/bad-header", 400, "/problems/bad-header");
        assertEquals("If-Match", problem.at("/errors/0/field").asText());
    }

    @Test
    void anIllegalArgumentOfOurOwnCodeIsA500() throws Exception {
        JsonNode problem = problem("/test-refusals/illegal-argument", 500, "/problems/internal");
        assertEquals(
                "the request failed; nothing was recorded",
                problem.get("detail").asText());
        assertFalse(problem.has("errors"), problem.toString());
        assertFalse(problem.toString().contains("not a date"), problem.toString());
    }

    @Test
    void aCheckedResourceRefusesEveryBadFieldBeforeItRuns() throws Exception {
        int calls = CheckedResource.CALLS.get();
        HttpResponse<String> response = post("/test-checks/Bad-Id", """
                {"title": "far too long a title", "source": {"title": " ", "publisher": "ISED", "url": "ftp://x"}}""");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(
                Problem.MEDIA_TYPE,
                response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("/problems/validation", problem.get("type").asText());
        assertEquals(
                "5 field(s) are not valid; nothing was recorded",
                problem.get("detail").asText());
        assertEquals(
                "[id, source.kind, source.title, source.url, title]",
                problem.findValuesAsText("field").toString(),
                response.body());
        assertEquals(calls, CheckedResource.CALLS.get(), "the method did not run");

        HttpResponse<String> empty = post("/test-checks/abc", "null");
        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals("body", JSON.readTree(empty.body()).at("/errors/0/field").asText());

        HttpResponse<String> good = post("/test-checks/abc", """
                {"title": "MOU", "source": {"title": "News", "publisher": "ISED", "kind": "OFFICIAL"}}""");
        assertEquals(200, good.statusCode(), good.body());
        assertEquals("abc:MOU", good.body());
        assertEquals(calls + 1, CheckedResource.CALLS.get());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(root.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(String path, int status, String type) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(root.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                Problem.MEDIA_TYPE,
                response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(type, problem.get("type").asText(), response.body());
        return problem;
    }
}
