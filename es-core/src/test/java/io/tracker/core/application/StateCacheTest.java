package io.tracker.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StateCacheTest {

    @Test
    void keepsTheNewerStateOfAStream() {
        StateCache<String> cache = new StateCache<>(10);
        cache.put("s", new StateCache.Entry<>(5, "v5"));
        cache.put("s", new StateCache.Entry<>(4, "v4")); // a command that finished late
        assertEquals("v5", cache.get("s").state());
        cache.put("s", new StateCache.Entry<>(6, "v6"));
        assertEquals(6, cache.get("s").version());
    }

    @Test
    void evictsTheLeastRecentlyUsedStreamBeyondItsCapacity() {
        StateCache<String> cache = new StateCache<>(2);
        cache.put("a", new StateCache.Entry<>(1, "a"));
        cache.put("b", new StateCache.Entry<>(1, "b"));
        cache.get("a");
        cache.put("c", new StateCache.Entry<>(1, "c"));
        assertEquals(2, cache.size());
        assertNull(cache.get("b"));
        assertEquals("a", cache.get("a").state());
        assertEquals("c", cache.get("c").state());
    }

    @Test
    void aCapacityOfZeroKeepsNothing() {
        StateCache<String> cache = new StateCache<>(0);
        cache.put("a", new StateCache.Entry<>(1, "a"));
        assertNull(cache.get("a"));
        assertEquals(0, cache.size());
    }
}
