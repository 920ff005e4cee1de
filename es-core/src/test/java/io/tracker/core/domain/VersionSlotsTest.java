package io.tracker.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The persistent slots behave as an immutable sorted map from version to value, whatever the operations. */
class VersionSlotsTest {

    @Test
    void randomOperationsMatchASortedMapAndOlderVersionsStayUnchanged() {
        Random random = new Random(7);
        VersionSlots<String> slots = VersionSlots.empty();
        TreeMap<Long, String> model = new TreeMap<>();
        List<VersionSlots<String>> history = new ArrayList<>();
        List<TreeMap<Long, String>> models = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long version = random.nextInt(i < 10_000 ? 40 : 5_000);
            String value = random.nextInt(5) == 0 ? null : "v" + i;
            slots = slots.with(version, value);
            if (value == null) {
                model.remove(version);
            } else {
                model.put(version, value);
            }
            if (i % 997 == 0) {
                history.add(slots);
                models.add(new TreeMap<>(model));
            }
        }
        assertEquals(new ArrayList<>(model.values()), slots.values());
        assertEquals(model.size(), slots.size());
        for (int i = 0; i < history.size(); i++) {
            TreeMap<Long, String> expected = models.get(i);
            TreeMap<Long, String> seen = new TreeMap<>();
            history.get(i).forEach(seen::put);
            assertEquals(expected, seen, "the slots as they were after step " + i * 997);
        }
        assertNull(slots.get(-1));
        assertNull(slots.get(1L << 40));
    }

    @Test
    void appendingAHundredThousandVersionsIsLinear() {
        VersionSlots<Long> slots = VersionSlots.empty();
        for (long v = 1; v <= 100_000; v++) {
            slots = slots.with(v, v);
        }
        assertEquals(100_000, slots.size());
        assertEquals(77_777L, slots.get(77_777));
        // 100,000 slots in leaves of 32: about 3,200 arrays of 144 bytes
        assertEquals(true, slots.estimatedBytes() < 600_000, "bytes " + slots.estimatedBytes());
    }

    @Test
    void aShortStreamKeepsAShortLeafAndItsBytesFollowTheArrays() {
        VersionSlots<String> slots = VersionSlots.empty();
        assertEquals(32 + 16, slots.estimatedBytes(), "no slot: an empty array");
        slots = slots.with(1, "a");
        assertEquals(32 + 24, slots.estimatedBytes(), "versions 0-1: two references");
        for (int v = 2; v <= 5; v++) {
            slots = slots.with(v, "v" + v);
        }
        assertEquals(32 + 40, slots.estimatedBytes(), "versions 0-5: six references");
        assertEquals("v5", slots.get(5));
        assertNull(slots.get(6));
        assertNull(slots.get(31));
        VersionSlots<String> longer = slots.with(40, "x");
        // a root of 32, the first leaf (six references) and a leaf up to slot 8 (40 & 31) of the second
        assertEquals(32 + 144 + 40 + 56, longer.estimatedBytes());
        assertEquals(List.of("a", "v2", "v3", "v4", "v5", "x"), longer.values());
        assertEquals(32 + 40, slots.estimatedBytes(), "the older slots unchanged");
        assertEquals(5, slots.size());
    }
}
