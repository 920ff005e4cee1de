package io.tracker.heap;

import java.time.Duration;

/**
 * When a service's heap should be given back (pure; the caller passes each reading with its own clock). A service is
 * quiet when it has allocated less than {@code quietBytesPerSecond} in every interval between readings for
 * {@code quietFor}; its heap has grown when the committed heap is at least {@code minBytes} above the lowest it was
 * since the last give-back (or the start). Both together: give back. A give-back that frees nothing sets the floor
 * where the heap is, so a service whose live set needs its heap is not collected again until it grows further.
 */
final class QuietHeap {

    /** The settings: {@code quietFor} of allocation under {@code quietBytesPerSecond}, growth of {@code minBytes}. */
    record Settings(Duration quietFor, long quietBytesPerSecond, long minBytes) {
        Settings {
            if (quietFor.isNegative() || quietBytesPerSecond < 0 || minBytes <= 0) {
                throw new IllegalArgumentException("heap give-back settings out of range: " + quietFor + ", "
                        + quietBytesPerSecond + " bytes/s, " + minBytes + " bytes");
            }
        }
    }

    /** One reading: when ({@code nanos}, any monotonic clock), bytes allocated so far, the committed heap. */
    record Reading(long nanos, long allocatedBytes, long committedBytes) {}

    private final Settings settings;
    private Reading last;
    private long quietSince;
    private long floor = Long.MAX_VALUE;

    QuietHeap(Settings settings) {
        this.settings = settings;
    }

    /** Takes a reading; true when the heap should be given back now. */
    boolean observe(Reading now) {
        floor = Math.min(floor, now.committedBytes());
        if (last == null) {
            quietSince = now.nanos();
        } else {
            double seconds = (now.nanos() - last.nanos()) / 1e9;
            long allocated = now.allocatedBytes() - last.allocatedBytes();
            if (allocated > settings.quietBytesPerSecond() * seconds) {
                quietSince = now.nanos();
            }
        }
        last = now;
        return now.nanos() - quietSince >= settings.quietFor().toNanos()
                && now.committedBytes() - floor >= settings.minBytes();
    }

    /** The heap was given back: {@code committedAfter} is the new floor. */
    void gaveBack(long committedAfter) {
        floor = committedAfter;
    }

    /** The lowest committed heap since the last give-back (or the start). */
    long floor() {
        return floor;
    }
}
