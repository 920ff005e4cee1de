package io.tracker.core.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.core.Vertx;

/**
 * The publication backlog as gauges: {@code tracker_publication_backlog_events} (events committed after the saved
 * checkpoint: not yet acknowledged by the broker, or acknowledged and not saved yet, at most a
 * {@code checkpoint-interval}'s and at most {@link RelayCheckpoint#MAX_UNSAVED_EVENTS}) and
 * {@code tracker_publication_oldest_unpublished_age_seconds} (how long ago the oldest of them was recorded; 0 when
 * none waits). Read from the database every {@code every} (and when the relay caught up with its checkpoint saved),
 * by every replica, so any replica's metrics tell, whichever one publishes.
 */
final class PublicationBacklog {
    private final PublicationLog log;
    private final AtomicLong events = new AtomicLong(-1);
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile String error;
    private long timer = -1;

    PublicationBacklog(PublicationLog log, MeterRegistry registry) {
        this.log = log;
        Gauge.builder("tracker.publication.backlog.events", events, a -> Math.max(0, a.get()))
                .description(
                        "events committed to the log after the relay's saved checkpoint (not yet acknowledged by the"
                                + " broker, or acknowledged and not saved yet: at most a checkpoint interval's, at most"
                                + " 100)")
                .register(registry);
        Gauge.builder("tracker.publication.oldest.unpublished.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("how long ago the oldest event not yet published was recorded (0 when none waits)")
                .register(registry);
    }

    void start(Vertx vertx, Duration every) {
        refresh();
        timer = vertx.setPeriodic(every.toMillis(), id -> refresh());
    }

    void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Reads the backlog again (one read at a time; a call while one is on its way is dropped). */
    void refresh() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        log.backlog()
                .subscribe()
                .with(
                        b -> {
                            events.set(b.events());
                            oldestAgeMillis.set(Math.round(b.oldestAgeSeconds() * 1000));
                            error = null;
                            reading.set(false);
                        },
                        failure -> {
                            error = failure.toString();
                            reading.set(false);
                        });
    }

    /** Events waiting as last read; -1 before the first read. */
    long events() {
        return events.get();
    }

    double oldestAgeSeconds() {
        return oldestAgeMillis.get() / 1000.0;
    }

    /** Why the last read failed, or null. */
    String error() {
        return error;
    }
}
