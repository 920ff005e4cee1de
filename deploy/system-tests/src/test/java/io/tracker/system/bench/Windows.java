package io.tracker.system.bench;

/**
 * A phase split into equal windows of its schedule: each window is measured on its own (latency, throughput,
 * visibility, CPU), so a figure has a spread over the windows. A command belongs to the window in which it was
 * due (open loop) or sent (closed loop), whenever it was answered.
 */
record Windows(long startNanos, long windowNanos, int count) {
    Windows {
        if (count < 1 || windowNanos <= 0) {
            throw new IllegalArgumentException(
                    "at least one window of positive length: " + count + " x " + windowNanos);
        }
    }

    /** The window a moment belongs to; -1 before the start or after the last window's end. */
    int index(long nanos) {
        if (nanos < startNanos) {
            return -1;
        }
        long i = (nanos - startNanos) / windowNanos;
        return i >= count ? -1 : (int) i;
    }

    /** When window {@code i} starts ({@code i == count}: when the last one ends). */
    long start(int i) {
        return startNanos + i * windowNanos;
    }

    double windowSeconds() {
        return windowNanos / 1e9;
    }
}
