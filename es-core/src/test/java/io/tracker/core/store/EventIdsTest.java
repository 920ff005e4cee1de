package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class EventIdsTest {
    private static final long T = 1_769_644_800_000L; // 2026-01-29T00:00:00Z

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        UUID id = new EventIds(() -> T, new Random(1)).nextId();
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(T, EventIds.millis(id));
        assertEquals(id, UUID.fromString(id.toString()));
        assertTrue(id.toString().startsWith("019c070c-b800-7000-"), id.toString());
    }

    @Test
    void idsIncreaseWithinAMillisecondAcrossMillisecondsAndWhenTheClockGoesBack() {
        AtomicLong clock = new AtomicLong(T);
        EventIds ids = new EventIds(clock::get, new Random(2));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(ids.nextId()); // one millisecond: the counter
        }
        clock.set(T + 1);
        made.add(ids.nextId());
        clock.set(T - 1_000); // the clock went back a second
        made.add(ids.nextId());
        made.add(ids.nextId());
        assertStrictlyIncreasing(made);
        assertEquals(T + 1, EventIds.millis(made.get(made.size() - 1)), "not before the last id made");
        made.forEach(id -> assertEquals(7, id.version()));
    }

    @Test
    void aBurstBeyondTheCounterCarriesIntoTheTimestampAndStaysOrdered() {
        EventIds ids = new EventIds(() -> T, new Random(3));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 4_096 * 2 + 10; i++) {
            made.add(ids.nextId());
        }
        assertStrictlyIncreasing(made);
        assertEquals(T, EventIds.millis(made.get(4_095)));
        assertEquals(T + 1, EventIds.millis(made.get(4_096)));
        assertEquals(T + 2, EventIds.millis(made.get(made.size() - 1)));
        made.forEach(id -> {
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
        });
    }

    @Test
    void threadsSharingTheGeneratorEachSeeIncreasingUniqueIds() throws Exception {
        int threads = 4;
        int each = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<UUID> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        mine.add(EventIds.next());
                    }
                    return mine;
                }));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> f : futures) {
                List<UUID> mine = f.get();
                assertStrictlyIncreasing(mine);
                all.addAll(mine);
            }
            assertEquals(threads * each, all.size(), "every id unique");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSharedGeneratorFollowsTheWallClock() {
        long before = System.currentTimeMillis();
        UUID id = EventIds.next();
        long after = System.currentTimeMillis();
        // ids made faster than 4,096 per millisecond may run ahead of the clock by a few milliseconds
        assertTrue(EventIds.millis(id) >= before && EventIds.millis(id) <= after + 50, id + " at " + before);
    }

    /** In the byte order PostgreSQL compares uuids in (unsigned), which Java's {@code UUID.compareTo} is not. */
    private static void assertStrictlyIncreasing(List<UUID> ids) {
        for (int i = 1; i < ids.size(); i++) {
            UUID a = ids.get(i - 1);
            UUID b = ids.get(i);
            int msb = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            int order = msb != 0 ? msb : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            assertTrue(order < 0, "id " + i + ": " + a + " then " + b);
        }
    }
}
