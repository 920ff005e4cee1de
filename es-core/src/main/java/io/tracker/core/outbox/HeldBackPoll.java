package io.tracker.core.outbox;

import java.time.Duration;

/**
 * How soon the relay looks again while committed events wait behind a transaction still running in its database.
 * Such a transaction may end without a notification (a view update, a snapshot, an operator's session), so the
 * relay polls: first after {@link #FIRST} (the usual blocker is a transaction of a few ms), then twice as long each
 * time up to {@link #LONGEST}, so that a long transaction costs at most one cheap look every 50 ms while a short one
 * delays its followers by a few ms instead of a whole 50 ms. Back to {@link #FIRST} once the relay is no longer
 * held back. Only on the relay's thread.
 */
final class HeldBackPoll {
    static final Duration FIRST = Duration.ofMillis(5);
    static final Duration LONGEST = Duration.ofMillis(50);

    private Duration next = FIRST;

    /** The wait before the next look, while still held back. */
    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
        return now;
    }

    /** No longer held back: the next wait starts short again. */
    void reset() {
        next = FIRST;
    }
}
