package io.tracker.http.jwt;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The JWT parser Quarkus verifies bearer tokens with ({@code MpJwtValidator} calls {@link #parse(String)}),
 * in front of SmallRye's own: a token verified once is answered from {@link VerifiedTokens} until its expiry
 * (and at most {@code tracker.jwt.cache.max-age}); a token that fails is never kept, so it fails every time.
 * The other methods (explicit keys or contexts) are not cached.
 */
@Alternative
@Priority(10)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {
    private final JWTParser delegate;
    private final VerifiedTokens verified;

    @Inject
    public CachingJwtParser(
            DefaultJWTParser delegate,
            MeterRegistry registry,
            @ConfigProperty(name = "tracker.jwt.cache.max-entries", defaultValue = "10000") int maxEntries,
            @ConfigProperty(name = "tracker.jwt.cache.max-bytes", defaultValue = "16777216") long maxBytes,
            @ConfigProperty(name = "tracker.jwt.cache.max-age", defaultValue = "PT5M") Duration maxAge) {
        this(delegate, new VerifiedTokens(maxEntries, maxBytes, maxAge.toMillis(), System::currentTimeMillis));
        Gauge.builder("tracker.jwt.cache.entries", verified, VerifiedTokens::size)
                .description("verified bearer tokens kept")
                .register(registry);
        Gauge.builder("tracker.jwt.cache.bytes", verified, VerifiedTokens::bytes)
                .baseUnit("bytes")
                .description("estimated heap of the verified bearer tokens kept")
                .register(registry);
        FunctionCounter.builder("tracker.jwt.cache.hits", verified, VerifiedTokens::hits)
                .description("bearer tokens answered without verifying them again")
                .register(registry);
        FunctionCounter.builder("tracker.jwt.cache.misses", verified, VerifiedTokens::misses)
                .description("bearer tokens verified")
                .register(registry);
    }

    CachingJwtParser(JWTParser delegate, VerifiedTokens verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    VerifiedTokens verified() {
        return verified;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken kept = verified.get(token);
        if (kept != null) {
            return kept;
        }
        JsonWebToken parsed = delegate.parse(token);
        verified.put(token, parsed);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
