package io.tracker.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The refusals every service shares, through a real HTTP server: an IllegalArgumentException of our own code is a
 * 500 (not a 400 blaming the client), an explicit bad input a 400 naming the input, a refused connection and a reset one are both a 503 with Retry-After, the REST
 * layer's own refusals are problem+json, the HTTP limits answer before routing; each with the service's wording.
 */
@QuarkusTest
class ProblemMappersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI root;

    @Test
    void anIllegalArgumentOfOurOwnCodeIsAnInternalError() throws Exception {
        HttpResponse<String> response = get("/faults/illegal-argument");
        JsonNode problem = problem(response, 500, "/problems/internal");
        assertEquals("the test request failed", problem.get("detail").asText());
        // nothing of the exception's message (our code's words) reaches the client
        assertFalse(response.body().contains("slot"), response.body());
    }

    @Test
    void onlyAnExplicitBadInputIsA400NamingTheInput() throws Exception {
        JsonNode problem = problem(get("/faults/bad-input"), 400, "/problems/bad-test-input");
        assertEquals("A test input is not valid", problem.get("title").asText());
        assertEquals("'many' is not a number", problem.get("detail").asText());
        assertEquals("limit", problem.at("/errors/0/field").asText());
        assertEquals("'many' is not a number", problem.at("/errors/0/message").asText());
    }

    @Test
    void aRefusedAndAResetConnectionAreBothUnavailable() throws Exception {
        for (String fault : new String[] {"/faults/connect", "/faults/socket"}) {
            HttpResponse<String> response = get(fault);
            JsonNode problem = problem(response, 503, "/problems/unavailable");
            assertEquals(
                    "the test database cannot be reached", problem.get("detail").asText());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null), fault);
        }
    }

    @Test
    void aLockNotGrantedInTimeOrAShutdownIsUnavailableAndAnyOtherDatabaseErrorInternal() throws Exception {
        // 55P03 lock_not_available (a lock_timeout), 57P01 admin_shutdown, 53300 too_many_connections
        for (String code : new String[] {"55P03", "57P01", "53300"}) {
            HttpResponse<String> response = get("/faults/sqlstate/" + code);
            problem(response, 503, "/problems/unavailable");
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(null), code);
        }
        // 23505 unique_violation, 42P01 undefined_table: our own code's failures, not a reason to retry
        for (String code : new String[] {"23505", "42P01"}) {
            HttpResponse<String> response = get("/faults/sqlstate/" + code);
            problem(response, 500, "/problems/internal");
            assertFalse(response.body().contains("refused by the test"), response.body());
        }
    }

    @Test
    void theRestLayersOwnRefusalsAreProblems() throws Exception {
        problem(get("/no-such-thing"), 404, "/problems/http-404");
    }

    @Test
    void theHttpLimitsAnswerWithTheServicesNote() throws Exception {
        HttpResponse<String> response = get("/faults/" + "a".repeat(5000));
        JsonNode problem = problem(response, 414, "/problems/uri-too-long");
        assertEquals(
                "the request URI has 5008 characters; at most 4096 are accepted; test note",
                problem.get("detail").asText());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(root.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                Problem.MEDIA_TYPE,
                response.headers().firstValue("Content-Type").orElse(null));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(type, problem.get("type").asText(), response.body());
        assertEquals(status, problem.get("status").asInt());
        return problem;
    }
}
