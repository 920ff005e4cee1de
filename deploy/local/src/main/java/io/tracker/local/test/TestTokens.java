package io.tracker.local.test;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/** Tokens for Quarkus tests, signed with the key {@link LocalStackTestResource} made for this run. */
public final class TestTokens {
    static final String PRIVATE_KEY_PROPERTY = "tracker.test.jwt.private-key";

    private TestTokens() {}

    public static String recorder() {
        return withRoles("test-recorder", "recorder");
    }

    public static String analyst() {
        return withRoles("test-analyst", "analyst");
    }

    public static String withRoles(String user, String... roles) {
        String pem = ConfigProvider.getConfig().getValue(PRIVATE_KEY_PROPERTY, String.class);
        return Tokens.mint(JwtKeys.readPrivate(pem), Tokens.LOCAL_ISSUER, user, List.of(roles), Duration.ofHours(1));
    }

    /** The value of an Authorization header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
