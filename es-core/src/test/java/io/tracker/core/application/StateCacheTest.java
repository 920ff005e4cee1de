package io.tracker.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StateCacheTest {

    @Test
    void keepsTheNewerStateOfAStream() {
        StateCache<String> cache = new StateCache<>(100);
        cache.put("s", new StateCache.Entry<>(5, "v5"));
        cache.put("s", new StateCache.Entry<>(4, "v4")); // a command that finished late
        assertEquals("v5", cache.get("s").state());
        cache.put("s", new StateCache.Entry<>(6, "v6"));
        assertEquals(6, cache.get("s").version());
        assertEquals(6, cache.events(), "an entry weighs the events it was folded from, counted once");
    }

    @Test
    void evictsTheLeastRecentlyUsedStreamsBeyondItsBudgetOfEvents() {
        StateCache<String> cache = new StateCache<>(10);
        cache.put("a", new StateCache.Entry<>(4, "a"));
        cache.put("b", new StateCache.Entry<>(4, "b"));
        cache.get("a");
        cache.put("c", new StateCache.Entry<>(3, "c")); // 11 events: b, the least recently used, goes
        assertNull(cache.get("b"));
        assertEquals("a", cache.get("a").state());
        assertEquals("c", cache.get("c").state());
        assertEquals(7, cache.events());
        cache.put("a", new StateCache.Entry<>(8, "a8")); // a grows: c goes, then a alone fits
        assertNull(cache.get("c"));
        assertEquals(8, cache.events());
        assertEquals(1, cache.size());
    }

    @Test
    void aStateLargerThanTheBudgetIsNotKept() {
        StateCache<String> cache = new StateCache<>(10);
        cache.put("small", new StateCache.Entry<>(2, "s"));
        cache.put("long", new StateCache.Entry<>(11, "l"));
        assertNull(cache.get("long"));
        assertEquals("s", cache.get("small").state());
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        StateCache<String> cache = new StateCache<>(0);
        cache.put("a", new StateCache.Entry<>(1, "a"));
        assertNull(cache.get("a"));
        assertEquals(0, cache.size());
    }
}
