package io.tracker.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class QuietHeapTest {
    private static final long MB = 1 << 20;
    private static final long S = 1_000_000_000L;

    // quiet for 5 s under 1 MB/s, give back at 16 MB of growth
    private final QuietHeap heap = new QuietHeap(new QuietHeap.Settings(Duration.ofSeconds(5), MB, 16 * MB));

    private static QuietHeap.Reading at(long seconds, long allocatedMb, long committedMb) {
        return new QuietHeap.Reading(seconds * S, allocatedMb * MB, committedMb * MB);
    }

    @Test
    void aGrownHeapIsGivenBackOnceTheServiceHasBeenQuietLongEnough() {
        assertFalse(heap.observe(at(0, 0, 48)));
        assertFalse(heap.observe(at(1, 200, 150))); // the load: 200 MB/s, the heap grows
        assertFalse(heap.observe(at(2, 400, 150)));
        for (int s = 3; s < 7; s++) {
            assertFalse(heap.observe(at(s, 400, 150)), "quiet for " + (s - 2) + " s only");
        }
        assertTrue(heap.observe(at(7, 400, 150)), "quiet for 5 s with the heap 102 MB above its floor");
    }

    @Test
    void aServiceUnderLoadIsNeverCollected() {
        heap.observe(at(0, 0, 48));
        for (int s = 1; s < 60; s++) {
            assertFalse(heap.observe(at(s, 2L * s, 150)), "2 MB/s is not quiet");
        }
    }

    @Test
    void aQuietServiceWhoseHeapDidNotGrowIsLeftAlone() {
        heap.observe(at(0, 0, 48));
        for (int s = 1; s < 60; s++) {
            assertFalse(heap.observe(at(s, 0, 48 + 15)), "15 MB of growth is under the 16 MB");
        }
    }

    @Test
    void afterAGiveBackOnlyNewGrowthCounts() {
        heap.observe(at(0, 0, 48));
        heap.observe(at(1, 300, 150));
        for (int s = 2; s < 6; s++) {
            heap.observe(at(s, 300, 150));
        }
        assertTrue(heap.observe(at(6, 300, 150)));
        heap.gaveBack(120 * MB); // the live set needed more than the free ratios alone would leave
        assertEquals(120 * MB, heap.floor());
        for (int s = 7; s < 30; s++) {
            assertFalse(heap.observe(at(s, 300, 120)), "nothing more to give back");
        }
        heap.observe(at(30, 600, 140)); // a second, smaller load: 20 MB of new growth
        for (int s = 31; s < 35; s++) {
            assertFalse(heap.observe(at(s, 600, 140)));
        }
        assertTrue(heap.observe(at(35, 600, 140)));
    }

    @Test
    void theFloorFollowsAHeapThatShrankOnItsOwn() {
        heap.observe(at(0, 0, 100));
        heap.observe(at(1, 0, 60)); // a full collection of the JVM's own
        for (int s = 2; s < 7; s++) {
            assertFalse(heap.observe(at(s, 0, 70)), "10 MB above the new floor");
        }
        assertEquals(60 * MB, heap.floor());
    }

    @Test
    void allocationIsMeasuredPerSecondWhateverTheInterval() {
        heap.observe(at(0, 0, 48));
        heap.observe(at(1, 0, 150));
        assertFalse(heap.observe(new QuietHeap.Reading(1 * S + S / 10, 300 * 1024, 150 * MB)), "3 MB/s over 0.1 s");
        for (int s = 2; s < 6; s++) {
            assertFalse(heap.observe(at(s, 1, 150)));
        }
        assertFalse(heap.observe(at(6, 1, 150)), "quiet since 1.1 s only: 4.9 s");
        assertTrue(heap.observe(at(7, 1, 150)));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuietHeap.Settings(Duration.ofSeconds(-1), MB, MB));
        assertThrows(IllegalArgumentException.class, () -> new QuietHeap.Settings(Duration.ofSeconds(1), -1, MB));
        assertThrows(IllegalArgumentException.class, () -> new QuietHeap.Settings(Duration.ofSeconds(1), MB, 0));
    }
}
