package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.test.TestTokens;
import io.tracker.projection.Management;
import io.tracker.projection.support.Auth;

/** Queries need an analyst's or recorder's bearer token, rebuilds a recorder's; refusals are problem+json. */
@QuarkusTest
class SecurityTest {

    @BeforeEach
    void noDefaultToken() {
        Auth.anonymous();
    }

    @Test
    void queriesNeedAToken() {
        given().get("/agreements")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthorized"));
        given().header("Authorization", "Bearer not-a-jwt")
                .get("/agreements/some-agreement")
                .then()
                .statusCode(401);
        given().header("Authorization", Auth.analyst())
                .get("/agreements")
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.recorder()))
                .get("/agreements")
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.withRoles("someone", "guest")))
                .get("/agreements")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void rebuildsNeedARecorder() {
        given().header("Authorization", Auth.analyst())
                .post("/admin/rebuild")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/forbidden"));
        given().header("Authorization", Auth.analyst())
                .get("/admin/rebuild")
                .then()
                .statusCode(200);
    }

    @Test
    void healthMetricsAndTheApiDocumentAreOpen() {
        Management.given().get("/q/health/live").then().statusCode(200);
        Management.given().get("/q/openapi").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void healthMetricsAndTheApiDocumentAreNotOnTheApiPort() {
        for (String path : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            Management.given().get(path).then().statusCode(200);
            given().get(path).then().statusCode(404);
        }
    }
}
