package io.tracker.investment.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tracker.investment.domain.Site;

/** The shared values are bounded in bytes, never evicted, and report their size as metrics. */
class BoundedSharedValuesTest {

    @Test
    void anEqualValueIsHandedBackAsTheFirstInstance() {
        BoundedSharedValues values = new BoundedSharedValues(10_000);
        Site first = new Site(new String("Windsor"), "CA-ON", "CA");
        Site second = new Site(new String("Windsor"), "CA-ON", "CA");
        assertSame(first, values.share(first, 100));
        assertSame(first, values.share(second, 100));
        assertTrue(values.holds(first));
        assertFalse(values.holds(second), "an equal value, not the instance kept");
        assertEquals(1, values.size());
        assertEquals(100 + BoundedSharedValues.ENTRY_BYTES, values.bytes());
        assertNull(values.share(null, 0));
    }

    @Test
    void onceTheBudgetIsSpentNewValuesStayUnsharedAndKnownOnesShared() {
        long budget = 10 * (200 + BoundedSharedValues.ENTRY_BYTES);
        BoundedSharedValues values = new BoundedSharedValues(budget);
        List<Site> kept = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Site site = new Site("city " + i, null, "KR");
            Site back = values.share(site, 200);
            assertSame(site, back);
            if (values.holds(site)) {
                kept.add(site);
            }
            assertTrue(values.bytes() <= budget, "bytes " + values.bytes() + " within " + budget);
        }
        assertEquals(10, kept.size(), "the first ten fitted");
        assertEquals(budget, values.bytes());
        assertEquals(15, values.refused());
        Site late = new Site("city 20", null, "KR");
        assertSame(late, values.share(late, 200));
        assertFalse(values.holds(late));
        assertSame(kept.get(3), values.share(new Site("city 3", null, "KR"), 200), "known values are still shared");
        assertEquals(16, values.refused());
        assertThrows(IllegalArgumentException.class, () -> new BoundedSharedValues(-1));
    }

    @Test
    void itsSizeIsMetered() {
        BoundedSharedValues values = new BoundedSharedValues(1 << 20);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        values.register(registry, "investment");
        values.share(new Site("Windsor", "CA-ON", "CA"), 160);
        values.share(new Site("Bécancour", "CA-QC", "CA"), 168);
        assertEquals(
                160 + 168 + 2 * BoundedSharedValues.ENTRY_BYTES,
                registry.get("tracker.shared.values.bytes")
                        .tag("stream_type", "investment")
                        .gauge()
                        .value());
        assertEquals(
                2,
                registry.get("tracker.shared.values.entries")
                        .tag("stream_type", "investment")
                        .gauge()
                        .value());
        assertEquals(
                0,
                registry.get("tracker.shared.values.refused").functionCounter().count());
    }
}
