package io.tracker.http.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tracker.local.jwt.JwtKeys;
import io.tracker.local.jwt.Tokens;

/** Verified bearer tokens are kept, never past their expiry, and within their bounds; bad ones never. */
@QuarkusTest
class CachingJwtParserTest {

    @Inject
    JWTParser parser;

    @Inject
    DefaultJWTParser smallrye;

    @Inject
    MeterRegistry registry;

    private static String token(String user, Duration ttl) {
        String pem = ConfigProvider.getConfig().getValue(TestSigningKey.PRIVATE_KEY, String.class);
        return Tokens.mint(JwtKeys.readPrivate(pem), Tokens.LOCAL_ISSUER, user, List.of("recorder"), ttl);
    }

    /** SmallRye's parser, counting the tokens it really verifies. */
    private JWTParser counting(AtomicInteger verifications) {
        return new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                return smallrye.parse(token);
            }
        };
    }

    @Test
    void quarkusVerifiesBearerTokensThroughTheCache() {
        assertInstanceOf(CachingJwtParser.class, parser);
    }

    @Test
    void theServicesCacheIsMetered() throws Exception {
        parser.parse(token("frank", Duration.ofMinutes(5))); // the bean, and its meters, are made on first use
        double hits = count("tracker.jwt.cache.hits");
        double misses = count("tracker.jwt.cache.misses");
        String raw = token("grace", Duration.ofMinutes(5));
        assertSame(parser.parse(raw), parser.parse(raw));
        assertEquals(misses + 1, count("tracker.jwt.cache.misses"), "verified once");
        assertEquals(hits + 1, count("tracker.jwt.cache.hits"), "then answered from the cache");
        double entries = registry.get("tracker.jwt.cache.entries").gauge().value();
        double bytes = registry.get("tracker.jwt.cache.bytes").gauge().value();
        assertTrue(entries >= 2, "entries " + entries);
        assertTrue(bytes >= 2 * raw.length(), "bytes " + bytes);
    }

    private double count(String counter) {
        return registry.get(counter).functionCounter().count();
    }

    @Test
    void aTokenIsVerifiedOnceAndAnsweredFromTheCacheUntilItsExpiry() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        CachingJwtParser cache = new CachingJwtParser(
                counting(verifications),
                new VerifiedTokens(100, 1_000_000, Duration.ofHours(1).toMillis(), now::get));
        String raw = token("alice", Duration.ofMinutes(2));

        JsonWebToken first = cache.parse(raw);
        JsonWebToken second = cache.parse(raw);
        assertSame(first, second);
        assertEquals("alice", second.getName());
        assertEquals(1, verifications.get(), "the second request was answered from the cache");
        assertEquals(1, cache.verified().hits());

        now.set(first.getExpirationTime() * 1000); // the token's expiry: the cache must not answer it any more
        try {
            cache.parse(raw); // SmallRye decides (it may allow its clock skew), not the cache
        } catch (ParseException expired) {
            // fine: refused by the verifier
        }
        assertEquals(2, verifications.get(), "at its expiry the token was verified again, not taken from the cache");
        assertEquals(0, cache.verified().size(), "and it is not kept past its expiry");
    }

    @Test
    void aTokenIsKeptAtMostForTheMaximumAge() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        CachingJwtParser cache =
                new CachingJwtParser(counting(verifications), new VerifiedTokens(100, 1_000_000, 10_000, now::get));
        String raw = token("bob", Duration.ofHours(1));
        cache.parse(raw);
        now.addAndGet(9_999);
        cache.parse(raw);
        assertEquals(1, verifications.get());
        now.addAndGet(1);
        cache.parse(raw);
        assertEquals(2, verifications.get(), "verified again after the maximum age");
    }

    @Test
    void aTokenThatFailsIsNeverKept() {
        AtomicInteger verifications = new AtomicInteger();
        CachingJwtParser cache = new CachingJwtParser(
                counting(verifications), new VerifiedTokens(100, 1_000_000, 60_000, System::currentTimeMillis));
        String raw = token("carol", Duration.ofMinutes(5));
        String forged = raw.substring(0, raw.lastIndexOf('.') + 1) + "AAAA" + raw.substring(raw.lastIndexOf('.') + 5);
        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertThrows(ParseException.class, () -> cache.parse(forged));
        assertEquals(2, verifications.get());
        assertEquals(0, cache.verified().size());
    }

    @Test
    void theCacheIsBoundedInEntriesAndInBytes() throws Exception {
        CachingJwtParser byEntries =
                new CachingJwtParser(smallrye, new VerifiedTokens(3, 1_000_000, 60_000, System::currentTimeMillis));
        for (int i = 0; i < 5; i++) {
            byEntries.parse(token("user-" + i, Duration.ofMinutes(5)));
        }
        assertEquals(3, byEntries.verified().size());

        String one = token("dave", Duration.ofMinutes(5));
        long perToken = 3L * one.length() + VerifiedTokens.OVERHEAD_BYTES;
        CachingJwtParser byBytes = new CachingJwtParser(
                smallrye, new VerifiedTokens(1000, perToken * 2 + perToken / 2, 60_000, System::currentTimeMillis));
        for (int i = 0; i < 5; i++) {
            byBytes.parse(token("erin-" + i, Duration.ofMinutes(5)));
        }
        assertEquals(2, byBytes.verified().size());
        assertTrue(
                byBytes.verified().bytes() <= perToken * 2 + perToken / 2,
                "bytes " + byBytes.verified().bytes());
    }
}
