package io.tracker.investment;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;

/** Sets the bearer token REST-assured sends. */
public final class Auth {
    private Auth() {}

    public static void as(String token) {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + token)
                .build();
    }

    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }
}
