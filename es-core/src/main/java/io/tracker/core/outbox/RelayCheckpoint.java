package io.tracker.core.outbox;

import java.time.Duration;

import io.tracker.core.store.Checkpoint;

/**
 * Where the relay is: the last event the broker acknowledged (kept in memory) and the checkpoint saved in
 * {@code es_publication}, which follows it at most once per interval ({@code tracker.outbox.checkpoint-interval}),
 * or sooner once {@link #MAX_UNSAVED_EVENTS} acknowledged events are unsaved (so that the backlog gauge, which
 * counts from the saved checkpoint, stays far below its alert at any rate). At a low rate this saves an update (a
 * statement, a transaction and the relay's wait for both) per published event. Times are {@link System#nanoTime()}
 * readings, passed in.
 */
final class RelayCheckpoint {
    /** Acknowledged events that make the checkpoint due whatever the interval. */
    static final int MAX_UNSAVED_EVENTS = 100;

    private final long intervalNanos;
    private Checkpoint published;
    private Checkpoint saved;
    private long savedAt;
    private long unsavedEvents;

    RelayCheckpoint(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** The checkpoint as read from the database (the relay's start, or a new term): nothing unsaved. */
    void read(Checkpoint checkpoint, long now) {
        published = checkpoint;
        saved(checkpoint, now);
    }

    /** Not read yet (or forgotten): the relay reads it from the database before it reads the log. */
    boolean unknown() {
        return published == null;
    }

    /** The last event the broker acknowledged: the relay reads the log after it. */
    Checkpoint published() {
        return published;
    }

    /** The broker acknowledged {@code events} more, up to {@code next}. */
    void acknowledged(Checkpoint next, int events) {
        published = next;
        unsavedEvents += events;
    }

    /** Whether the database's checkpoint is behind what the broker acknowledged. */
    boolean unsaved() {
        return published != null && !published.equals(saved);
    }

    /**
     * Whether to save now: something is unsaved, and the last save is at least an interval old or
     * {@link #MAX_UNSAVED_EVENTS} are unsaved.
     */
    boolean due(long now) {
        return unsaved() && (now - savedAt >= intervalNanos || unsavedEvents >= MAX_UNSAVED_EVENTS);
    }

    /** {@code checkpoint} was saved at {@code now}. */
    void saved(Checkpoint checkpoint, long now) {
        saved = checkpoint;
        savedAt = now;
        unsavedEvents = 0;
    }

    /**
     * How long the relay may wait for work: {@code poll}, or until the unsaved checkpoint comes due (at least 1 ms).
     */
    Duration waitAtMost(Duration poll, long now) {
        if (!unsaved()) {
            return poll;
        }
        long untilDue = Math.max(1, (savedAt + intervalNanos - now + 999_999) / 1_000_000);
        return Duration.ofMillis(Math.min(poll.toMillis(), untilDue));
    }

    /** The lock was lost (or a read failed): the next term reads the checkpoint again; nothing unsaved is kept. */
    void forget() {
        published = null;
        saved = null;
        unsavedEvents = 0;
    }
}
