package io.tracker.projection.support;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.tracker.local.test.TestTokens;

/** Bearer tokens for the tests' requests, signed with the key the test resource made for this run. */
public final class Auth {
    private Auth() {}

    /** Every RestAssured request of the test carries an analyst's token. */
    public static void asAnalyst() {
        RestAssured.requestSpecification =
                new RequestSpecBuilder().addHeader("Authorization", analyst()).build();
    }

    /** Every RestAssured request of the test carries a recorder's token (rebuilds need it). */
    public static void asRecorder() {
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", TestTokens.bearer(TestTokens.recorder()))
                .build();
    }

    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }

    /** The Authorization header value of an analyst. */
    public static String analyst() {
        return TestTokens.bearer(TestTokens.analyst());
    }
}
