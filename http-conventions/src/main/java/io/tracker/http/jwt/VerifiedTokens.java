package io.tracker.http.jwt;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens whose signature and claims were verified, by the token's text, so that a client sending the same
 * token again is not verified again (an RSA signature check per request). An entry is answered only before the
 * token's {@code exp} and for at most {@code maxAgeMillis} after it was verified; the cache is bounded by entries
 * and by an estimate of its bytes, least recently used out.
 */
final class VerifiedTokens {
    /** Per entry beyond the token's text: the map entry, the principal and its parsed claims (an estimate). */
    static final long OVERHEAD_BYTES = 600;

    private record Entry(JsonWebToken token, long notAfterMillis, long bytes) {}

    private final int maxEntries;
    private final long maxBytes;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    VerifiedTokens(int maxEntries, long maxBytes, long maxAgeMillis, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clockMillis;
    }

    /** The verified token, or null when it is not kept or no longer valid (then it is dropped). */
    synchronized JsonWebToken get(String raw) {
        Entry e = entries.get(raw);
        if (e != null && clock.getAsLong() < e.notAfterMillis()) {
            hits++;
            return e.token();
        }
        if (e != null) {
            entries.remove(raw);
            bytes -= e.bytes();
        }
        misses++;
        return null;
    }

    /** Keeps a token just verified, until its expiry (a token without one is not kept). */
    synchronized void put(String raw, JsonWebToken token) {
        long now = clock.getAsLong();
        long exp = token.getExpirationTime();
        if (exp <= 0 || maxEntries <= 0) {
            return;
        }
        long notAfter = Math.min(exp * 1000, now + maxAgeMillis);
        long size = 3L * raw.length() + OVERHEAD_BYTES; // the text as key, in the principal, and its decoded claims
        if (notAfter <= now || size > maxBytes) {
            return;
        }
        Entry previous = entries.put(raw, new Entry(token, notAfter, size));
        bytes += size - (previous == null ? 0 : previous.bytes());
        for (Iterator<Entry> eldest = entries.values().iterator();
                (bytes > maxBytes || entries.size() > maxEntries) && eldest.hasNext(); ) {
            bytes -= eldest.next().bytes();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
