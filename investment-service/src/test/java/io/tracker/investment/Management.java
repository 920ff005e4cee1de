package io.tracker.investment;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the management interface (health, metrics, OpenAPI, Swagger UI): a port of its own, a free one in
 * tests ({@code quarkus.management.test-port=0}; Quarkus publishes the port it took under the same key).
 */
public final class Management {
    private Management() {}

    public static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    /** A request to the management port. */
    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
