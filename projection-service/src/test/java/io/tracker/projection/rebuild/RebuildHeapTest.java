package io.tracker.projection.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.tracker.heap.HeapFreeRatios;

/**
 * The rebuild's heap free ratios: in force while its work runs, back after, even when it fails. The flags are the
 * JVM's, shared with the application the Quarkus tests run in this JVM, so this is checked on flags of its own;
 * heap-at-rest's HeapFreeRatiosTest checks the counting and the order of the settings, RebuildTest that the real
 * flags are back after a real rebuild.
 */
class RebuildHeapTest {

    /** The flags as a map (the order HotSpot needs is HeapFreeRatios' to keep, and its test's to check). */
    static final class Flags implements HeapFreeRatios.VmOptions {
        final Map<String, String> values = new HashMap<>(Map.of(HeapFreeRatios.MIN, "10", HeapFreeRatios.MAX, "30"));

        @Override
        public String get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, String value) {
            values.put(name, value);
        }

        List<String> ratios() {
            return List.of(values.get(HeapFreeRatios.MIN), values.get(HeapFreeRatios.MAX));
        }
    }

    private final Flags flags = new Flags();
    private final HeapFreeRatios jvm = new HeapFreeRatios(flags);

    @Test
    void theWorkRunsWithThemAndTheyAreBackEvenWhenItFails() {
        RebuildHeap heap = new RebuildHeap(jvm, 31, 77);
        AtomicReference<List<String>> during = new AtomicReference<>();
        heap.during(() -> during.set(flags.ratios()));
        assertEquals(List.of("31", "77"), during.get());
        assertEquals(List.of("10", "30"), flags.ratios());
        assertThrows(
                IllegalStateException.class,
                () -> heap.during(() -> {
                    throw new IllegalStateException("the rebuild failed");
                }));
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void twoRebuildsAtOnceHoldThemUntilTheLastEnds() {
        RebuildHeap heap = new RebuildHeap(jvm, 40, 70);
        AtomicReference<List<String>> afterInner = new AtomicReference<>();
        heap.during(() -> {
            heap.during(() -> {}); // a load's replay while the load still holds them
            afterInner.set(flags.ratios());
        });
        assertEquals(List.of("40", "70"), afterInner.get(), "still held by the first");
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void zeroLeavesTheHeapAlone() {
        RebuildHeap heap = new RebuildHeap(jvm, 0, 70);
        heap.during(() -> assertEquals(List.of("10", "30"), flags.ratios()));
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void ratiosOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RebuildHeap(jvm, 50, 40));
        assertThrows(IllegalArgumentException.class, () -> new RebuildHeap(jvm, 10, 101));
        assertThrows(IllegalArgumentException.class, () -> new RebuildHeap(jvm, 0, 101));
    }
}
