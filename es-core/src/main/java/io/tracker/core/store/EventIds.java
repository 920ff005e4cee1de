package io.tracker.core.store;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The ids of appended events: UUID version 7 (RFC 9562, section 5.7), time-ordered. The first 48 bits are the
 * Unix time in milliseconds, the next 12 a counter within the millisecond (method 1 of section 6.2: a new
 * millisecond starts it at 0; a burst of more than 4,096 ids in one millisecond, or a clock that went back, carries
 * it into the timestamp), then the variant and 62 random bits. So the ids one process makes are strictly
 * increasing, and those of all replicas increase with time: the unique indexes on them (the event store's
 * {@code event_id}, the read side's facts) take each new id at their right edge instead of on a random page (what a
 * random, version 4, id costs in cache, page splits and full-page images once an index outgrows memory; at the
 * benchmark's size, about a million events per database, it made no measurable difference: docs/BENCHMARKS.md).
 * Consumers read them as any UUID: the contract says {@code format: uuid}, not a version.
 */
public final class EventIds {
    private static final EventIds SHARED = new EventIds(System::currentTimeMillis, new SecureRandom());

    private final LongSupplier clock;
    private final Random random;
    /** The last id's (Unix milliseconds << 12 | counter). */
    private final AtomicLong last = new AtomicLong();

    EventIds(LongSupplier clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** The next id of this process. */
    public static UUID next() {
        return SHARED.nextId();
    }

    UUID nextId() {
        long now = clock.getAsLong() << 12;
        long stamp = last.updateAndGet(previous -> Math.max(now, previous + 1));
        long msb = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xFFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The Unix milliseconds a version 7 id carries. */
    public static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
