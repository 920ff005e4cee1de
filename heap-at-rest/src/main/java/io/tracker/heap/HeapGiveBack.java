package io.tracker.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * This JVM's side of the give-back: what it has allocated and committed, and the full collection that hands the heap
 * back. SerialGC sizes the old generation only at a full collection; the services run with
 * {@code -XX:-ShrinkHeapInSteps} (deploy/local/service-jvm.options), so that one collection gives back all of the
 * excess over {@code MaxHeapFreeRatio}. With HotSpot's default (in steps: 0 %, 10 %, 40 %, then all) it took four
 * back to back, and after four full collections of an idle JDK 25 service the next load compiled its code again
 * (likely HotSpot's unloading of code that has not run over several marking cycles; docs/BENCHMARKS.md,
 * twenty-first session).
 */
final class HeapGiveBack {
    /** What a give-back did: the committed heap before and after the collection, and its time. */
    record Outcome(long committedBefore, long committedAfter, long nanos) {
        long givenBack() {
            return Math.max(0, committedBefore - committedAfter);
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final com.sun.management.ThreadMXBean threads;

    private HeapGiveBack(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /** This JVM's, or null when it cannot count allocated bytes (not HotSpot, or the count switched off). */
    static HeapGiveBack ofThisJvm() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return new HeapGiveBack(t);
        }
        return null;
    }

    QuietHeap.Reading reading(long nanos) {
        return new QuietHeap.Reading(nanos, threads.getTotalThreadAllocatedBytes(), committed());
    }

    Outcome giveBack() {
        long start = System.nanoTime();
        long before = committed();
        System.gc();
        return new Outcome(before, committed(), System.nanoTime() - start);
    }

    long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }
}
