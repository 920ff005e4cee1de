package io.tracker.negotiation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tracker.local.test.TestTokens;
import io.tracker.negotiation.Auth;
import io.tracker.negotiation.Management;

/**
 * Every endpoint in the OpenAPI document is walked, so a new endpoint cannot slip in unprotected: no token
 * → 401, a token without the right role → 403. Health, metrics, OpenAPI and the contract stay open.
 */
@QuarkusTest
class SecurityTest {

    record Endpoint(String method, String path) {}

    @BeforeEach
    void noDefaultToken() {
        Auth.anonymous();
    }

    private static List<Endpoint> endpoints() {
        Map<String, Map<String, Object>> paths = Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        List<Endpoint> all = new ArrayList<>();
        paths.forEach((path, methods) -> methods.keySet()
                .forEach(m -> all.add(new Endpoint(
                        m.toUpperCase(),
                        path.replace("{id}", "ca-kr-security").replace("{missionId}", "some-mission")))));
        assertTrue(all.size() >= 16, "the OpenAPI document lists the endpoints: " + all);
        return all;
    }

    private static Response call(Endpoint e, String token) {
        var request = given().contentType(ContentType.JSON).body("{}");
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.request(e.method(), e.path());
    }

    @Test
    void withoutATokenEveryEndpointAnswers401() {
        for (Endpoint e : endpoints()) {
            call(e, null)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/unauthorized"));
        }
        call(new Endpoint("GET", "/negotiations/x-y-z"), "not.a.jwt").then().statusCode(401);
    }

    @Test
    void writesNeedTheRecorderRoleAndReadsAnAnalystOrRecorder() {
        String analyst = TestTokens.analyst();
        String nobody = TestTokens.withRoles("someone");
        for (Endpoint e : endpoints()) {
            call(e, nobody).then().statusCode(403).contentType("application/problem+json");
            int asAnalyst = call(e, analyst).statusCode();
            if (e.method().equals("GET")) {
                assertNotEquals(403, asAnalyst, e + " must be readable by an analyst");
                assertNotEquals(401, asAnalyst, e.toString());
            } else {
                assertTrue(asAnalyst == 403, e + " must refuse an analyst, answered " + asAnalyst);
            }
        }
    }

    @Test
    void operationalEndpointsStayOpen() {
        Management.given().get("/q/health/ready").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200);
        Management.given().get("/q/openapi").then().statusCode(200);
        given().get("/contract/asyncapi.yaml").then().statusCode(200);
    }
}
