package io.tracker.projection.measure;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LiveConsumers;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Sample;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Not a test: what a live batch of one event costs in fixed work at a low rate, run by hand with
 * {@code -Dtracker.measure.live.events=N}: N events published one at a time, each applied (its own poll and
 * transaction) before the next is sent; prints the WAL flushes PostgreSQL made per batch ({@code pg_stat_wal.wal_sync},
 * the whole server: the test's stack has only this service on it), the loop's time in offset commits per batch, and
 * the test JVM's CPU per event (the service, the test's producer and the embedded broker; PostgreSQL runs in a process
 * of its own). Compare {@code -Dtracker.projection.offset-commit-interval=0 -Dtracker.projection.live-synchronous-commit=true}
 * (every batch's offsets committed synchronously, its transaction waiting for its flush: as before) with the defaults.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tracker.measure.live.events", matches = "\\d+")
class LiveCommitMeasurement {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.projection.offset-commit-interval")
    Duration commitInterval;

    @ConfigProperty(name = "tracker.projection.live-synchronous-commit")
    boolean synchronousCommit;

    @Inject
    LiveConsumers live;

    @Inject
    Pool pool;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("tracker.measure.live.events");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            for (int round = 0; round < 3; round++) {
                String prefix =
                        "low-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                long applied = applied();
                long transactions = transactions();
                long walSyncs = walSyncs();
                long cpu = os.getProcessCpuTime();
                long started = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    broker.publish(Sample.of("NegotiationOpened").inStream(prefix + "-" + i));
                    long target = applied + i + 1;
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    while (applied() < target) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("event " + i + " not applied within " + WAIT);
                        }
                        Thread.sleep(1);
                    }
                }
                long batches = transactions() - transactions;
                System.out.printf(
                        "MEASURE live round %d%s (offset-commit-interval %s, live-synchronous-commit %s): %d events in"
                                + " %d batches, %.1f s; WAL flushes per batch %.2f; JVM CPU per event %.2f ms%n",
                        round,
                        round == 0 ? " (warm-up)" : "",
                        commitInterval,
                        synchronousCommit,
                        n,
                        batches,
                        (System.nanoTime() - started) / 1e9,
                        (walSyncs() - walSyncs) / (double) batches,
                        (os.getProcessCpuTime() - cpu) / 1e6 / n);
            }
            live.loops()
                    .forEach(l -> System.out.printf(
                            "MEASURE live %s: %s%n", l.settings().clientId(), l.stageBreakdown()));
        }
    }

    private long applied() {
        return live.loops().stream().mapToLong(ConsumerLoop::eventsApplied).sum();
    }

    private long transactions() {
        return live.loops().stream().mapToLong(ConsumerLoop::transactions).sum();
    }

    private long walSyncs() {
        Row row = pool.query("select wal_sync from pg_stat_wal")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
        return row.getLong(0);
    }
}
