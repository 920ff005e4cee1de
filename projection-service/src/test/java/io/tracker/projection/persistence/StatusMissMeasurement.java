package io.tracker.projection.persistence;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.CurrentStatusFold;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Not a test: the cost of a current-status miss after one new fact of a 70-fact agreement, run by hand with
 * {@code -Dtracker.measure.status.misses=N}. Three ways, N questions each, in alternating rounds after a warm-up:
 * <b>before</b> (the miss as it was: the count, then all the facts read and folded), <b>miss</b> (the count, then all
 * the facts read with their count: what a miss is now) and <b>extend</b> (the count, then only the fact above the
 * kept fold's 69, folded into a copy of it; the kept fold is put back before each question, outside
 * the timing of the wall clock but inside that of the CPU). Prints per question the mean wall time, the JVM's CPU
 * (the whole process: the consumers idling beside it included) and the CPU of the database's backends
 * ({@code /proc/<pid>/stat} of every process in {@code pg_stat_activity}, 10 ms ticks).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "tracker.measure.status.misses", matches = "\\d+")
class StatusMissMeasurement {
    private static final Duration DB = Duration.ofSeconds(10);
    /** The check "before" the status cache: the active generation, and the count of the agreement's facts in it. */
    private static final String COUNT_FACTS =
            "with a as (select generation from projection_generation where state = 'ACTIVE')"
                    + " select a.generation, count(f.stream_version) from a left join fact f"
                    + " on f.generation = a.generation and f.stream_type = 'negotiation' and f.stream_id = $1"
                    + " group by a.generation";

    private static final List<String> MORE = List.of("LeadersMet", "TalksHeld", "CommitteeFormed", "ForumEstablished");

    @Inject
    Pool pool;

    @Inject
    ProjectionConfig config;

    @Test
    void measure() throws Exception {
        int n = Integer.getInteger("tracker.measure.status.misses");
        String id = "miss-cost-" + UUID.randomUUID().toString().substring(0, 8);
        List<Sample> samples = new ArrayList<>(Stories.february(id));
        samples.addAll(Stories.june(id));
        for (int v = samples.size() + 1; v <= 70; v++) {
            samples.add(Sample.of(MORE.get(v % MORE.size())).inStream(id).version(v));
        }
        RecordReader reader = new RecordReader();
        List<Incoming.Event> events = new ArrayList<>();
        for (Sample s : samples) {
            events.add((Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION));
        }
        new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config))
                .apply(ApplyTarget.live(), "status-miss-measurement", events, List.of())
                .await()
                .atMost(DB);

        FactQueries queries = new FactQueries(pool);
        FactQueries.Tail all =
                queries.negotiationAfter(id, 0).await().atMost(DB).orElseThrow();
        if (all.rows() != 70 || all.events().size() != 70) {
            throw new AssertionError(all.rows() + " rows read, " + all.events().size() + " events");
        }
        List<RecordedEvent> first69 = all.events().subList(0, 69);
        AgreementStatus status69 =
                AgreementStatusCalculator.status(id, first69, AsOf.NOW).orElseThrow();
        AgreementStatus expected =
                AgreementStatusCalculator.status(id, all.events(), AsOf.NOW).orElseThrow();
        KeptStatuses.Kept kept69 =
                new KeptStatuses.Kept(all.generation(), -1, 69, CurrentStatusFold.of(id, first69), status69);

        CurrentStatuses missing = new CurrentStatuses(pool, queries, 0, new SimpleMeterRegistry());
        CurrentStatuses extending = new CurrentStatuses(pool, queries, 1 << 24, new SimpleMeterRegistry());
        Way before = new Way("before", () -> {
            Row row = pool.preparedQuery(COUNT_FACTS)
                    .execute(Tuple.of(id))
                    .await()
                    .atMost(DB)
                    .iterator()
                    .next();
            if (row.getLong(1) != 70) {
                throw new AssertionError("count " + row.getLong(1));
            }
            List<RecordedEvent> read = queries.negotiation(id, null).await().atMost(DB);
            return AgreementStatusCalculator.status(id, read, AsOf.NOW).orElseThrow();
        });
        Way miss = new Way("miss", () -> missing.now(id).await().atMost(DB).orElseThrow());
        Way extend =
                new Way("extend", () -> extending.now(id).await().atMost(DB).orElseThrow());
        extend.setUp = () -> extending.kept().put(id, kept69);
        for (int round = 0; round < 7; round++) {
            for (Way w : List.of(before, miss, extend)) {
                w.run(n, expected, round < 2 ? " (warm-up)" : "", round);
            }
        }
        retained(
                queries,
                id,
                KeptStatuses.estimate(new KeptStatuses.Kept(
                        all.generation(), all.rowVersion(), 70, CurrentStatusFold.of(id, all.events()), expected)));
        explain(CurrentStatuses.ROW_VERSION_NOW, Tuple.of(id));
        explain(FactQueries.NEGOTIATION_AFTER, Tuple.of(id, 0L));
        explain(FactQueries.NEGOTIATION_AFTER, Tuple.of(id, 69L));
    }

    /** The heap 200 folds of the agreement's facts (and their statuses) hold, against the estimate. */
    private void retained(FactQueries queries, String id, long estimate) {
        Runtime rt = Runtime.getRuntime();
        List<Object> held = new ArrayList<>();
        long before = usedAfterGc(rt);
        for (int i = 0; i < 200; i++) {
            FactQueries.Tail t =
                    queries.negotiationAfter(id, 0).await().atMost(DB).orElseThrow();
            CurrentStatusFold fold = CurrentStatusFold.of(id, t.events());
            held.add(fold);
            held.add(fold.status().orElseThrow());
        }
        long after = usedAfterGc(rt);
        System.out.printf(
                "MEASURE kept fold of 70 events: estimate %d bytes, retained %d bytes"
                        + " (heap used after GC, 200 copies held, %d)%n",
                estimate, (after - before) / 200, held.size());
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private void explain(String sql, Tuple params) {
        StringBuilder plan = new StringBuilder("MEASURE plan of " + sql + "\n");
        for (Row r : pool.preparedQuery("explain (analyze, buffers) " + sql)
                .execute(params)
                .await()
                .atMost(DB)) {
            plan.append("  ").append(r.getString(0)).append('\n');
        }
        System.out.print(plan);
    }

    private final class Way {
        final String name;
        final Question question;
        Runnable setUp = () -> {};

        Way(String name, Question question) {
            this.name = name;
            this.question = question;
        }

        void run(int n, AgreementStatus expected, String note, int round) throws Exception {
            List<Integer> backends = backends();
            long dbTicks = ticks(backends);
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long wall = 0;
            for (int i = 0; i < n; i++) {
                setUp.run();
                long t = System.nanoTime();
                AgreementStatus s = question.ask();
                wall += System.nanoTime() - t;
                if (!s.equals(expected)) {
                    throw new AssertionError(name + " answered " + s);
                }
            }
            cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    - cpu;
            long db = ticks(backends) - dbTicks;
            System.out.printf(
                    "MEASURE status %s round %d%s: %d questions, %.0f us wall, %.0f us JVM CPU,"
                            + " %.0f us database CPU per question%n",
                    name, round, note, n, wall / 1e3 / n, cpu / 1e3 / n, db * 10_000.0 / n);
        }
    }

    @FunctionalInterface
    private interface Question {
        AgreementStatus ask() throws Exception;
    }

    private List<Integer> backends() {
        List<Integer> pids = new ArrayList<>();
        for (Row r :
                pool.query("select pid from pg_stat_activity").execute().await().atMost(DB)) {
            pids.add(r.getInteger(0));
        }
        return pids;
    }

    /** utime + stime of these processes, in clock ticks (10 ms). */
    private static long ticks(List<Integer> pids) throws IOException {
        long sum = 0;
        for (int pid : pids) {
            Path stat = Path.of("/proc", Integer.toString(pid), "stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
        }
        return sum;
    }
}
