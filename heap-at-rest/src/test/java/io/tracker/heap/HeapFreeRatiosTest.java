package io.tracker.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;

import io.tracker.heap.HeapFreeRatios.Ratios;

/**
 * The free ratios held and set back: counted per holder, others waiting or refused while some are held, set in an
 * order HotSpot takes. On flags of its own that refuse a minimum above the maximum as HotSpot does (the JVM's own are
 * shared with the other tests); the last test checks that HotSpot has these manageable flags and refuses that order.
 */
class HeapFreeRatiosTest {

    /** Flags as HotSpot keeps them: MinHeapFreeRatio ≤ MaxHeapFreeRatio at every step. */
    static final class Flags implements HeapFreeRatios.VmOptions {
        final Map<String, String> values = new HashMap<>(Map.of(HeapFreeRatios.MIN, "10", HeapFreeRatios.MAX, "30"));

        @Override
        public synchronized String get(String name) {
            return values.get(name);
        }

        @Override
        public synchronized void set(String name, String value) {
            Map<String, String> next = new HashMap<>(values);
            next.put(name, value);
            if (Integer.parseInt(next.get(HeapFreeRatios.MIN)) > Integer.parseInt(next.get(HeapFreeRatios.MAX))) {
                throw new IllegalArgumentException(name + "=" + value + " would put the minimum above the maximum");
            }
            values.putAll(next);
        }

        synchronized List<String> ratios() {
            return List.of(values.get(HeapFreeRatios.MIN), values.get(HeapFreeRatios.MAX));
        }
    }

    private final Flags flags = new Flags();
    private final HeapFreeRatios jvm = new HeapFreeRatios(flags);

    @Test
    void heldUntilTheLastHolderReleasesThem() {
        Ratios wide = new Ratios(40, 70);
        assertTrue(jvm.hold(wide));
        assertEquals(List.of("40", "70"), flags.ratios());
        assertTrue(jvm.tryHold(wide), "the same ratios: one more holder");
        jvm.release(wide);
        assertEquals(List.of("40", "70"), flags.ratios(), "still held by the first");
        jvm.release(wide);
        assertEquals(List.of("10", "30"), flags.ratios());
        assertThrows(IllegalStateException.class, () -> jvm.release(wide), "one release too many");
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void lowerAndHigherRatiosAreSetInAnOrderTheJvmTakes() {
        Ratios tight = new Ratios(0, 5);
        assertTrue(jvm.hold(tight));
        assertEquals(List.of("0", "5"), flags.ratios());
        jvm.release(tight);
        flags.values.putAll(Map.of(HeapFreeRatios.MIN, "3", HeapFreeRatios.MAX, "5"));
        Ratios wide = new Ratios(40, 70);
        assertTrue(jvm.hold(wide));
        assertEquals(List.of("40", "70"), flags.ratios());
        jvm.release(wide);
        assertEquals(List.of("3", "5"), flags.ratios());
    }

    @Test
    void otherRatiosAreRefusedByTryHoldWhileSomeAreHeld() {
        Ratios wide = new Ratios(40, 70);
        jvm.hold(wide);
        assertFalse(jvm.tryHold(new Ratios(0, 10)));
        assertEquals(List.of("40", "70"), flags.ratios(), "the refused hold changed nothing");
        jvm.release(wide);
        assertTrue(jvm.tryHold(new Ratios(0, 10)));
        assertEquals(List.of("0", "10"), flags.ratios());
    }

    @Test
    void aHoldOfOtherRatiosWaitsForTheRelease() throws Exception {
        Ratios tight = new Ratios(0, 10);
        Ratios wide = new Ratios(40, 70);
        jvm.hold(tight);
        CompletableFuture<List<String>> second = CompletableFuture.supplyAsync(() -> {
            jvm.hold(wide);
            List<String> during = flags.ratios();
            jvm.release(wide);
            return during;
        });
        assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS), "waits while held");
        assertEquals(List.of("0", "10"), flags.ratios());
        jvm.release(tight);
        assertEquals(List.of("40", "70"), second.get(10, TimeUnit.SECONDS), "then holds its own");
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void flagsThatCannotBeSetAreLeftAsTheyAreAndTheHoldStillCounts() {
        HeapFreeRatios readOnly = refusing((name, value) -> true);
        Ratios wide = new Ratios(40, 70);
        assertTrue(readOnly.hold(wide));
        assertEquals(List.of("10", "30"), flags.ratios());
        assertFalse(readOnly.tryHold(new Ratios(0, 10)), "counted as held");
        readOnly.release(wide);
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    @Test
    void whenOnlyOneOfTheTwoSettingsIsTakenTheJvmsRatiosArePutBack() {
        HeapFreeRatios halfWay = refusing((name, value) -> name.equals(HeapFreeRatios.MAX) && value.equals("10"));
        Ratios tight = new Ratios(0, 10); // MinHeapFreeRatio=0 is taken first, then MaxHeapFreeRatio=10 refused
        assertTrue(halfWay.tryHold(tight));
        assertEquals(List.of("10", "30"), flags.ratios(), "the minimum put back");
        halfWay.release(tight);
        assertEquals(List.of("10", "30"), flags.ratios());
    }

    /** Ratios over this test's flags, refusing the settings {@code refused} names as a JVM would (an exception). */
    private HeapFreeRatios refusing(BiPredicate<String, String> refused) {
        return new HeapFreeRatios(new HeapFreeRatios.VmOptions() {
            @Override
            public String get(String name) {
                return flags.get(name);
            }

            @Override
            public void set(String name, String value) {
                if (refused.test(name, value)) {
                    throw new IllegalArgumentException(name + "=" + value + " refused here");
                }
                flags.set(name, value);
            }
        });
    }

    @Test
    void ratiosOutOfOrderAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Ratios(50, 40));
        assertThrows(IllegalArgumentException.class, () -> new Ratios(10, 101));
        assertThrows(IllegalArgumentException.class, () -> new Ratios(-1, 10));
    }

    @Test
    void hotSpotHasTheseManageableFlagsAndRefusesAMinimumAboveTheMaximum() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String max = HeapFreeRatios.HOTSPOT.get(HeapFreeRatios.MAX);
        assertTrue(vm.getVMOption(HeapFreeRatios.MIN).isWriteable(), "MinHeapFreeRatio is manageable");
        assertTrue(vm.getVMOption(HeapFreeRatios.MAX).isWriteable(), "MaxHeapFreeRatio is manageable");
        // one above the maximum: refused, nothing changed
        assertThrows(
                IllegalArgumentException.class,
                () -> HeapFreeRatios.HOTSPOT.set(HeapFreeRatios.MIN, Integer.toString(Integer.parseInt(max) + 1)));
        assertEquals(max, HeapFreeRatios.HOTSPOT.get(HeapFreeRatios.MAX));
    }
}
