package io.tracker.negotiation.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tracker.negotiation.Management;

/**
 * What operators and subscribers rely on besides the commands: health, metrics, OpenAPI (on the management port),
 * the contract (on the API port).
 */
@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void healthMetricsAndOpenApiAreOnTheManagementPortOnly() {
        assertNotEquals(RestAssured.port, Management.port(), "a port of its own");
        for (String path : new String[] {
            "/q/health/ready", "/q/health/live", "/q/health/started", "/q/metrics", "/q/openapi", "/q/swagger-ui/"
        }) {
            Management.given().get(path).then().statusCode(200);
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void healthIsUpWithTheDatabaseAndTheRelay() {
        Management.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox relay' }.data.broker", equalTo("reachable"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountWhatTheRelayPublished() {
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("tracker_outbox_published"))
                // io.tracker.heap.HeapAtRest runs here (through es-core)
                .body(containsString("tracker_heap_give_backs_total"))
                .body(containsString("tracker_heap_given_back_bytes_total"));
    }

    @Test
    void openApiDescribesEveryCommand() {
        Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/negotiations/{id}/mous"))
                .body("paths", org.hamcrest.Matchers.hasKey("/negotiations/{id}/trade-missions/{missionId}/completion"))
                .body("info.title", equalTo("negotiation-service"));
    }

    @Test
    void swaggerUiOnTheManagementPortCanTryTheApiPort() {
        Config config = ConfigProvider.getConfig();
        String server = config.getValue("quarkus.smallrye-openapi.servers", String.class);
        String origin = config.getValue("quarkus.http.cors.origins", String.class);
        // the document names the API's URL, not the management port it is served on
        Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("servers.url", equalTo(List.of(server)));
        // the API port admits the Swagger UI's origin (a browser's preflight of "Try it out"), and no other
        given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/negotiations")
                .then()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "http://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/negotiations")
                .then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theContractIsServed() {
        given().get("/contract/asyncapi.yaml")
                .then()
                .statusCode(200)
                .body(containsString("tracker.negotiation.events"));
        given().get("/contract/schemas/MouSigned.v1.json")
                .then()
                .statusCode(200)
                .body("$schema", containsString("2020-12"));
        given().get("/contract/samples/MouSigned.v1.json")
                .then()
                .statusCode(200)
                .body("type", equalTo("MouSigned"));
    }
}
