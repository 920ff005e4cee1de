package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.Management;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Health tells catching up from live; metrics show lag and positions; the API is documented. */
@QuarkusTest
class OperationsTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void healthSaysCatchingUpWhileEventsWaitAndLiveOnceApplied() {
        Eventually.assertThat(WAIT, () -> Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'projection-consumers' }.data.state", equalTo("LIVE")));
        String id = "health-" + UUID.randomUUID().toString().substring(0, 8);
        // hold the agreement list's table: the next batch cannot commit until released
        SqlConnection blocker = pool.getConnection().await().atMost(WAIT);
        try {
            blocker.query("begin").execute().await().atMost(WAIT);
            blocker.query("lock table agreement_summary in access exclusive mode")
                    .execute()
                    .await()
                    .atMost(WAIT);
            try (Broker broker = new Broker(bootstrap)) {
                broker.ensureTopics();
                broker.publish(Sample.of("NegotiationOpened").inStream(id));
            }
            Eventually.assertThat(WAIT, () -> Management.given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'projection-consumers' }.data.state", equalTo("CATCHING_UP")));
            Management.given().get("/q/health/live").then().statusCode(200);
        } finally {
            blocker.query("rollback").execute().await().atMost(WAIT);
            blocker.closeAndAwait();
        }
        Eventually.assertThat(WAIT, () -> Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'projection-consumers' }.data.state", equalTo("LIVE")));
        given().get("/agreements/{id}", id).then().statusCode(200);
    }

    @Test
    void metricsShowLagAndLastAppliedPositions() {
        Eventually.assertThat(WAIT, () -> Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "projection_consumer_lag{consumer=\"live\",partition=\"0\",topic=\"tracker.negotiation.events\"}"))
                .body(containsString("projection_last_applied_offset{consumer=\"live\""))
                .body(containsString("projection_events_applied_total{consumer=\"live\"}"))
                .body(containsString("projection_transactions_total{consumer=\"live\"}"))
                .body(containsString("projection_active_generation"))
                .body(containsString("tracker_heap_give_backs_total")));
    }

    @Test
    void theApiIsDocumented() {
        Management.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/agreements/{id}'.get.parameters.name", hasItem("asOf"))
                .body("paths.'/agreements/{id}'.get.parameters.name", hasItem("knownAt"))
                // the status's documented schema
                .body(
                        "paths.'/agreements/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        endsWith("/AgreementStatus"))
                .body("paths.'/agreements/{id}/timeline'.get", notNullValue())
                .body("paths.'/agreements/{id}/investments'.get", notNullValue())
                .body("paths.'/agreements/{id}/status/stream'.get", notNullValue())
                .body("paths.'/admin/rebuild'.post", notNullValue());
    }
}
