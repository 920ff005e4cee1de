package io.tracker.projection.rebuild;

import org.jboss.logging.Logger;

import io.tracker.heap.HeapFreeRatios;

/**
 * Gives the heap room while a rebuild runs, and takes it back after. The services run with tight heap free ratios
 * (deploy/local/service-jvm.options: {@code MinHeapFreeRatio=10}, {@code MaxHeapFreeRatio=30}) so that an idle or
 * lightly loaded service holds little memory. A rebuild keeps two batches of up to
 * {@code rebuild-max-poll-records} records in memory (one read while the other is applied), which outlive young
 * collections: with those ratios the old generation stays just above its live set, and the promoted batches force a
 * full collection every second or third young one (bench.sh: 68 full collections in a 20 s rebuild, 9.3 s of
 * pauses). While any rebuild runs, the JVM's free ratios are {@code min}/{@code max}, held through heap-at-rest's
 * {@link HeapFreeRatios} (the one home for changes to them; a give-back's collection holds others for a moment, and a
 * rebuild starting then waits for it); when the last rebuild ends, back to what they were.
 */
final class RebuildHeap {
    private static final Logger LOG = Logger.getLogger(RebuildHeap.class);

    private final HeapFreeRatios jvm;
    private final HeapFreeRatios.Ratios whileRebuilding;

    /** {@code min} and {@code max}: the free ratios during a rebuild; {@code min} 0 leaves the heap alone. */
    RebuildHeap(int min, int max) {
        this(HeapFreeRatios.ofThisJvm(), min, max);
    }

    RebuildHeap(HeapFreeRatios jvm, int min, int max) {
        this.jvm = jvm;
        HeapFreeRatios.Ratios ratios = new HeapFreeRatios.Ratios(min, max); // refuses them out of order
        this.whileRebuilding = min == 0 ? null : ratios;
    }

    /** Runs {@code work} with the rebuild's free ratios in force. */
    void during(Runnable work) {
        boolean held = whileRebuilding != null && jvm.hold(whileRebuilding);
        if (held) {
            LOG.infof("heap free ratios %s while rebuilding", whileRebuilding);
        }
        try {
            work.run();
        } finally {
            if (held) {
                jvm.release(whileRebuilding);
            }
        }
    }
}
