package io.tracker.core.outbox;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How far publication is behind, for dashboards and alerts: {@code tracker_publication_backlog_events} (outbox
 * entries not yet delivered) and {@code tracker_publication_oldest_unpublished_age_seconds} (how long ago the
 * oldest of them was recorded; 0 when there is none). Every replica reads them from the database every
 * {@code tracker.outbox.backlog-refresh} (5 s), so they are right whichever replica publishes. The
 * undelivered entries are found through the outbox's partial index, so the read costs little while the relay
 * keeps up.
 */
@ApplicationScoped
public class PublicationBacklog {
    private static final Logger LOG = Logger.getLogger(PublicationBacklog.class);
    static final String QUERY = "select count(*), coalesce(extract(epoch from now() - min(e.recorded_at)), 0)::float8"
            + " from es_outbox o join es_events e using (global_position) where o.delivered_at is null";

    private final Pool pool;
    private final Vertx vertx;
    private final OutboxConfig config;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile long timer = -1;

    PublicationBacklog(Pool pool, Vertx vertx, OutboxConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("tracker.publication.backlog.events", events, AtomicLong::get)
                .description("events appended but not yet acknowledged by the broker").register(registry);
        Gauge.builder("tracker.publication.oldest.unpublished.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("age of the oldest event not yet published (0 when none waits)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        refresh();
        timer = vertx.setPeriodic(Math.max(100, config.backlogRefresh().toMillis()), id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the backlog now (the timer calls it; tests call it to read the gauges without waiting). */
    public void refresh() {
        pool.query(QUERY).execute().subscribe().with(rows -> {
            Row r = rows.iterator().next();
            events.set(r.getLong(0));
            oldestAgeMillis.set(Math.round(r.getDouble(1) * 1000));
        }, failure -> LOG.debugf("publication backlog not read: %s", failure.getMessage()));
    }

    long events() {
        return events.get();
    }

    double oldestAgeSeconds() {
        return oldestAgeMillis.get() / 1000.0;
    }
}
