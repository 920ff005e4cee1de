package io.tracker.projection.apply;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Nanoseconds spent per stage on a loop's thread: polling Kafka, reading records (checks, schema validation,
 * decoding), waiting for a batch's apply (a rebuild's overlaps the next poll and read), committing offsets; and
 * the applies' own durations (sent to committed in the database).
 */
final class Stages {
    volatile long started;
    final AtomicLong poll = new AtomicLong();
    final AtomicLong read = new AtomicLong();
    final AtomicLong apply = new AtomicLong();
    final AtomicLong applyWait = new AtomicLong();
    final AtomicLong commit = new AtomicLong();

    @Override
    public String toString() {
        return String.format(
                "running %d ms: poll %d ms, read %d ms, waiting for applies %d ms (applies took %d ms),"
                        + " offset commits %d ms",
                ms(System.nanoTime() - started),
                ms(poll.get()),
                ms(read.get()),
                ms(applyWait.get()),
                ms(apply.get()),
                ms(commit.get()));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
