package io.tracker.projection.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The rebuild's heap free ratios: held while any rebuild runs, back after the last. The flags are the JVM's, shared
 * with the application the Quarkus tests run in this JVM (a rebuild of theirs may be ending), so the counting is
 * checked on flags of its own that refuse a minimum above the maximum as HotSpot does; RebuildTest checks that the
 * real flags are back after a real rebuild, and the last test here that HotSpot takes the names and refuses the
 * order this class avoids.
 */
class RebuildHeapTest {

    /** Flags as HotSpot keeps them: MinHeapFreeRatio ≤ MaxHeapFreeRatio at every step. */
    static final class Flags implements RebuildHeap.VmOptions {
        final Map<String, String> values = new HashMap<>(Map.of(RebuildHeap.MIN, "10", RebuildHeap.MAX, "30"));

        @Override
        public String get(String name) {
            return values.get(name);
        }

        @Override
        public void set(String name, String value) {
            Map<String, String> next = new HashMap<>(values);
            next.put(name, value);
            if (Integer.parseInt(next.get(RebuildHeap.MIN)) > Integer.parseInt(next.get(RebuildHeap.MAX))) {
                throw new IllegalArgumentException(name + "=" + value + " would put the minimum above the maximum");
            }
            values.putAll(next);
        }

        List<String> ratios() {
            return List.of(values.get(RebuildHeap.MIN), values.get(RebuildHeap.MAX));
        }
    }

    private final Flags flags = new Flags();

    @Test
    void theRatiosHoldWhileAnyRebuildRunsAndAreBackAfterTheLast() {
        RebuildHeap heap = new RebuildHeap(flags, 40, 70);
        heap.widen();
        assertEquals(List.of("40", "70"), flags.ratios());
        heap.widen(); // a second rebuild (a load, then its replay)
        heap.restore();
        assertEquals(List.of("40", "70"), flags.ratios(), "still held by the first");
        heap.restore();
        assertEquals(List.of("10", "30"), flags.ratios());
        heap.restore(); // one too many: nothing to do
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void lowerRatiosThanTheJvmsAreSetInAnOrderItTakes() {
        flags.values.putAll(Map.of(RebuildHeap.MIN, "40", RebuildHeap.MAX, "70"));
        RebuildHeap heap = new RebuildHeap(flags, 3, 5);
        heap.widen();
        assertEquals(List.of("3", "5"), flags.ratios());
        heap.restore();
        assertEquals(List.of("40", "70"), flags.ratios());
    }

    @Test
    void theWorkRunsWithThemAndTheyAreBackEvenWhenItFails() {
        RebuildHeap heap = new RebuildHeap(flags, 31, 77);
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
    void zeroLeavesTheHeapAlone() {
        RebuildHeap heap = new RebuildHeap(flags, 0, 70);
        heap.widen();
        assertEquals(List.of("10", "30"), flags.ratios());
        heap.restore();
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void flagsThatCannotBeSetAreLeftAsTheyAre() {
        RebuildHeap.VmOptions readOnly = new RebuildHeap.VmOptions() {
            @Override
            public String get(String name) {
                return flags.get(name);
            }

            @Override
            public void set(String name, String value) {
                throw new IllegalArgumentException(name + " is not manageable here");
            }
        };
        RebuildHeap heap = new RebuildHeap(readOnly, 40, 70);
        heap.during(() -> assertEquals(List.of("10", "30"), flags.ratios()));
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void ratiosOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RebuildHeap(flags, 50, 40));
        assertThrows(IllegalArgumentException.class, () -> new RebuildHeap(flags, 10, 101));
    }

    @Test
    void hotSpotHasTheseManageableFlagsAndRefusesAMinimumAboveTheMaximum() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String max = RebuildHeap.HOTSPOT.get(RebuildHeap.MAX);
        assertTrue(vm.getVMOption(RebuildHeap.MIN).isWriteable(), "MinHeapFreeRatio is manageable");
        assertTrue(vm.getVMOption(RebuildHeap.MAX).isWriteable(), "MaxHeapFreeRatio is manageable");
        // one above the maximum: refused, nothing changed
        assertThrows(
                IllegalArgumentException.class,
                () -> RebuildHeap.HOTSPOT.set(RebuildHeap.MIN, Integer.toString(Integer.parseInt(max) + 1)));
        assertEquals(max, RebuildHeap.HOTSPOT.get(RebuildHeap.MAX));
    }
}
