package io.tracker.projection.persistence;

import java.util.concurrent.atomic.AtomicLong;

/** Nanoseconds of the applies, by step: from the transaction's start to the end of each step. */
final class ApplyStages {
    private final AtomicLong[] sums = {
        new AtomicLong(), new AtomicLong(),
        new AtomicLong(), new AtomicLong()
    };

    void add(long[] at, long end) {
        if (at[3] == 0) {
            return; // nothing to apply (the generation was gone)
        }
        sums[0].addAndGet(at[1] - at[0]);
        sums[1].addAndGet(at[2] - at[1]);
        sums[2].addAndGet(at[3] - at[2]);
        sums[3].addAndGet(end - at[3]);
    }

    @Override
    public String toString() {
        return String.format(
                "begin + generations, facts/links/positions + locks/states %d ms, fold states %d ms,"
                        + " rows/states/notify/commit %d ms, release %d ms",
                sums[0].get() / 1_000_000,
                sums[1].get() / 1_000_000,
                sums[2].get() / 1_000_000,
                sums[3].get() / 1_000_000);
    }
}
