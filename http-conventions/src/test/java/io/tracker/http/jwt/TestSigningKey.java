package io.tracker.http.jwt;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/**
 * A signing key for this test run (no database, no broker: only what the services' LocalStackTestResource gives for
 * tokens): SmallRye verifies with its public key, the tests sign with its private key.
 */
@WithTestResource(value = TestSigningKey.class, scope = TestResourceScope.GLOBAL)
public class TestSigningKey implements QuarkusTestResourceLifecycleManager {
    static final String PRIVATE_KEY = "tracker.test.jwt.private-key";

    @Override
    public Map<String, String> start() {
        JwtKeys keys = JwtKeys.generate();
        return Map.of(
                "mp.jwt.verify.publickey",
                keys.publicPem(),
                "mp.jwt.verify.issuer",
                Tokens.LOCAL_ISSUER,
                PRIVATE_KEY,
                keys.privatePem());
    }

    @Override
    public void stop() {}
}
