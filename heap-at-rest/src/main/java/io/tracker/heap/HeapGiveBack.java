package io.tracker.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * This JVM's side of the give-back: what it has allocated and committed, and the full collection that hands the heap
 * back. SerialGC sizes the old generation only at a full collection, to leave between {@code MinHeapFreeRatio} and
 * {@code MaxHeapFreeRatio} of it free, and the young generation at half the old one. The collection runs with the
 * free ratios of a service at rest ({@code atRest}, held through {@link HeapFreeRatios}; 0-10 % by default): a
 * service with a live set of 64 MB kept 135 MB on JDK 25 with the services' 10-30 % and 105 MB with 0-10 %
 * (docs/BENCHMARKS.md, twenty-second session); the ratios are back before the next allocation needs them, so a load
 * grows the heap as before. The services run with {@code -XX:-ShrinkHeapInSteps}
 * (deploy/local/service-jvm.options), so that one collection gives back all of the excess. With HotSpot's default
 * (in steps: 0 %, 10 %, 40 %, then all) it took four back to back, and after four full collections of an idle JDK 25
 * service the next load compiled its code again (likely HotSpot's unloading of code that has not run over several
 * marking cycles; docs/BENCHMARKS.md, twenty-first session).
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
    private final HeapFreeRatios ratios;
    private final HeapFreeRatios.Ratios atRest;

    private HeapGiveBack(com.sun.management.ThreadMXBean threads, HeapFreeRatios ratios, HeapFreeRatios.Ratios atRest) {
        this.threads = threads;
        this.ratios = ratios;
        this.atRest = atRest;
    }

    /**
     * This JVM's, collecting with the free ratios {@code atRest}; null when it cannot count allocated bytes (not
     * HotSpot, or the count switched off).
     */
    static HeapGiveBack ofThisJvm(HeapFreeRatios.Ratios atRest) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return new HeapGiveBack(t, HeapFreeRatios.ofThisJvm(), atRest);
        }
        return null;
    }

    QuietHeap.Reading reading(long nanos) {
        return new QuietHeap.Reading(nanos, threads.getTotalThreadAllocatedBytes(), committed());
    }

    /**
     * One full collection with the ratios at rest; null, and nothing collected, while other ratios are held (a
     * rebuild's: the service is not at rest).
     */
    Outcome giveBack() {
        if (!ratios.tryHold(atRest)) {
            return null;
        }
        try {
            long start = System.nanoTime();
            long before = committed();
            System.gc();
            return new Outcome(before, committed(), System.nanoTime() - start);
        } finally {
            ratios.release(atRest);
        }
    }

    long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }
}
