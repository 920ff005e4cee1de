package io.tracker.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * This JVM's side of the give-back: what it has allocated and committed, and the full collections that hand the
 * heap back. SerialGC sizes the old generation only at a full collection, and by default in steps (0 %, 10 %, 40 %,
 * then all of the excess over {@code MaxHeapFreeRatio}: HotSpot's {@code ShrinkHeapInSteps}, which damps programs
 * that call {@code System.gc()} between phases); a give-back runs up to four, and stops at the first after the second
 * that frees nothing.
 */
final class HeapGiveBack {
    static final int MAX_COLLECTIONS = 4;

    /** What a give-back did: the committed heap before and after, the collections run and their time. */
    record Outcome(long committedBefore, long committedAfter, int collections, long nanos) {
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
        long previous = before;
        int collections = 0;
        while (collections < MAX_COLLECTIONS) {
            System.gc();
            collections++;
            long now = committed();
            if (collections >= 2 && now >= previous) {
                break;
            }
            previous = now;
        }
        return new Outcome(before, committed(), collections, System.nanoTime() - start);
    }

    long committed() {
        return memory.getHeapMemoryUsage().getCommitted();
    }
}
