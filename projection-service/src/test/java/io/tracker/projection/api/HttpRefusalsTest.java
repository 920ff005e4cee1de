package io.tracker.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.test.RawHttp;
import io.tracker.local.test.TestTokens;

/**
 * The refusals of the HTTP layer on the query endpoints are problem+json like every other refusal: a URI too
 * long (414), headers too large (431), a body without a Content-Type (415) or without a length (411), an
 * unknown path or method; none names a Java type.
 */
@QuarkusTest
class HttpRefusalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aUriOfTenThousandCharactersIs414() throws Exception {
        assertProblem(
                send("GET", "/agreements?asOf=" + "9".repeat(10_000), null, null, null), 414, "/problems/uri-too-long");
        assertProblem(
                send("GET", "/agreements/" + "a".repeat(10_000) + "/timeline", null, null, null),
                414,
                "/problems/uri-too-long");
    }

    @Test
    void headersOfTwentyThousandBytesAre431() throws Exception {
        assertProblem(
                send("GET", "/agreements", null, "X-Padding", "h".repeat(20_000)), 431, "/problems/headers-too-large");
    }

    @Test
    void aBodyWithoutContentTypeIs415AndOneWithoutLengthIs411() throws Exception {
        assertProblem(send("POST", "/admin/rebuild", "{}", null, null), 415, "/problems/unsupported-media-type");
        assertProblem(
                send("POST", "/admin/rebuild", "x".repeat(70_000), "Content-Type", "application/json"),
                411,
                "/problems/length-required");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() throws Exception {
        assertProblem(send("GET", "/agreements/no-such-agreement-here/nothing", null, null, null), 404, null);
        assertProblem(send("DELETE", "/agreements", null, null, null), 405, null);
    }

    private HttpResponse<String> send(String method, String path, String body, String header, String value)
            throws Exception {
        return RawHttp.send(base, method, path, body, header, value, TestTokens.recorder());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "problem+json expected: " + response.headers().map());
        JsonNode problem = JSON.readTree(response.body());
        assertEquals(status, problem.path("status").asInt());
        if (type != null) {
            assertEquals(type, problem.path("type").asText());
        }
        assertFalse(
                response.body().matches("(?s).*\\b(java|jakarta|io\\.tracker|io\\.vertx|com\\.fasterxml)\\.[a-z].*"),
                response.body());
    }
}
