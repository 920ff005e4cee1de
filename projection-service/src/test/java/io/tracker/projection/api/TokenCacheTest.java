package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.tracker.http.jwt.CachingJwtParser;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;
import io.tracker.projection.Management;
import io.tracker.projection.support.Auth;

/**
 * The projection verifies bearer tokens through the services' one cache (http-conventions' CachingJwtParser): a
 * client polling with the same token is verified once, not on every request; an expired or forged token is still
 * refused every time, 401 problem+json.
 */
@QuarkusTest
class TokenCacheTest {

    @Inject
    JWTParser parser;

    @BeforeEach
    void noDefaultToken() {
        Auth.anonymous();
        // the cache (and its meters) is made with the first token verified: one request first, whatever ran before
        given().header("Authorization", Auth.analyst())
                .get("/agreements")
                .then()
                .statusCode(200);
    }

    private static String token(String user, Duration ttl) {
        String pem = ConfigProvider.getConfig().getValue("tracker.test.jwt.private-key", String.class);
        return Tokens.mint(JwtKeys.readPrivate(pem), Tokens.LOCAL_ISSUER, user, List.of("analyst"), ttl);
    }

    /** A counter or gauge of the cache on /q/metrics. */
    private static double metric(String name) {
        String body = Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = Pattern.compile("^" + name + "(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(body);
        if (!m.find()) {
            throw new AssertionError(name + " is not on /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void quarkusVerifiesBearerTokensThroughTheCache() {
        assertInstanceOf(CachingJwtParser.class, parser);
    }

    @Test
    void aRepeatedTokenIsVerifiedOnce() {
        String bearer = "Bearer " + token("polling-analyst", Duration.ofMinutes(5));
        double hits = metric("tracker_jwt_cache_hits_total");
        double misses = metric("tracker_jwt_cache_misses_total");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", bearer).get("/agreements").then().statusCode(200);
        }
        assertEquals(misses + 1, metric("tracker_jwt_cache_misses_total"), "verified once");
        assertEquals(hits + 2, metric("tracker_jwt_cache_hits_total"), "then answered from the cache");
    }

    @Test
    void anExpiredOrForgedTokenIsRefusedEveryTime() {
        String expired = token("expired-analyst", Duration.ofMinutes(-10)); // beyond SmallRye's clock skew
        String valid = token("forging-analyst", Duration.ofMinutes(5));
        String forged =
                valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        double misses = metric("tracker_jwt_cache_misses_total");
        for (String bad : new String[] {expired, forged}) {
            for (int i = 0; i < 2; i++) {
                given().header("Authorization", "Bearer " + bad)
                        .get("/agreements")
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .body("type", equalTo("/problems/unauthorized"));
            }
        }
        assertEquals(misses + 4, metric("tracker_jwt_cache_misses_total"), "each refused token was verified again");
    }
}
