package io.tracker.core.outbox;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.ExpectedVersion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Not a test: what PostgreSQL does per command at a low rate, run by hand with {@code -Dtracker.measure.publication=N}.
 * N appends of one event, one at a time, each waited for until the relay has published it (so every append is a
 * whole wake-up of the relay, as at 100 commands/s); then, once every session's statistics have been reported (11 s),
 * per append: the transaction ids taken (transactions that wrote: the append, a NOTIFY, the checkpoint), the
 * transactions committed in this database (reads included) and the server's WAL flushes.
 */
@EnabledIfSystemProperty(named = "tracker.measure.publication", matches = "\\d+")
@QuarkusTest
class PublicationCostMeasurement {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void perAppendAtALowRate() throws Exception {
        int n = Integer.getInteger("tracker.measure.publication");
        // warm: the statements prepared, the relay awake
        measureRun(Math.min(n, 20));
        Thread.sleep(11_000);
        Row before = counters();
        measureRun(n);
        Thread.sleep(11_000);
        Row after = counters();
        System.out.printf(
                "publication cost per append at a low rate (%d appends): %.2f transaction ids, %.2f commits,"
                        + " %.2f WAL flushes%n",
                n,
                (after.getLong(0) - before.getLong(0) - 1) / (double) n,
                (after.getLong(1) - before.getLong(1)) / (double) n,
                (after.getLong(2) - before.getLong(2)) / (double) n);
    }

    private void measureRun(int n) throws InterruptedException {
        String tag = "cost-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < n; i++) {
            CommandResult r = store.append(Events.request(tag + "-" + i, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            long position = r.events().get(0).position();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (delivered() < position) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not published: " + position);
                }
                Thread.sleep(1);
            }
            Thread.sleep(10);
        }
    }

    private double delivered() {
        return registry.get("tracker.outbox.last.delivered.position").gauge().value();
    }

    /** Transaction id now (takes one), commits of this database, the server's WAL flushes. */
    private Row counters() {
        return pool.query("select pg_current_xact_id()::text::bigint,"
                        + " (select xact_commit from pg_stat_database where datname = current_database()),"
                        + " (select wal_sync from pg_stat_wal), pg_stat_force_next_flush()")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
    }
}
