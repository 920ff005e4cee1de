package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;
import static io.tracker.system.bench.BenchReport.ratio;
import static io.tracker.system.bench.LoadPhases.registered;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.tracker.system.bench.LoadGenerator.PhaseResult;
import io.tracker.system.bench.PhaseRunner.Measure;

/**
 * The comparison on a PostgreSQL that is not durable (fsync and {@code synchronous_commit} off): the services
 * restarted on it, warmed up, the same saturation and pgbench's raw and es-core shapes.
 */
final class NotDurablePhase {
    private final BenchTables tables;
    private final Supplier<List<String>> jvmArgs;
    private final BenchProfile p;
    private final BenchReport report;
    private final BenchSystem sys;
    private final TopLevel top;
    private final boolean profile;
    private final int clients;
    private final BenchSetUp setUp;
    private final PhaseRunner phases;
    private final PgbenchPhase pgbench;
    private final MemoryReadings memory;

    NotDurablePhase(BenchRun run, BenchSetUp setUp, PhaseRunner phases, PgbenchPhase pgbench, MemoryReadings memory) {
        this.tables = run.tables();
        this.jvmArgs = run.jvmArgs();
        this.p = run.p();
        this.report = run.report();
        this.sys = run.sys();
        this.top = run.top();
        this.profile = run.profile();
        this.clients = run.clients();
        this.setUp = setUp;
        this.phases = phases;
        this.pgbench = pgbench;
        this.memory = memory;
    }

    void notDurable(LoadGenerator load, BenchWorkload work) throws Exception {
        report.log("not durable: PostgreSQL restarted with fsync and synchronous_commit off," + " services restarted");
        for (String svc : BenchSystem.SERVICES) {
            sys.stopService(svc);
        }
        sys.stopPostgres();
        sys.startPostgres(false, profile);
        MachineFacts.databaseFacts(sys, report, "not durable");
        for (String svc : BenchSystem.SERVICES) {
            BenchSystem.Startup st = sys.startService(svc, jvmArgs.get());
            report.log(
                    "restarted %s in %.0f ms (Quarkus: %ss), RSS %d MB",
                    svc, st.readyMillis(), st.quarkusStartedSeconds(), st.rssKbAtReady() / 1024);
        }
        setUp.warmUp(load, work, "not durable");
        PhaseResult r = phases.phase(
                        new Measure(load, work, null, null),
                        "saturation, not durable: fsync/synchronous_commit off (" + clients + " clients)",
                        () -> load.closedLoop(
                                "saturation-async",
                                clients,
                                Duration.ofSeconds((long) p.saturationWindowSeconds() * p.windows()),
                                p.windows(),
                                k -> work.next(k, 0),
                                (c, x) -> registered(work, c, x)),
                        false)
                .result();
        PgBaseline b = new PgBaseline(sys);
        for (Object[] p : List.<Object[]>of(
                new Object[] {"raw-c8-async", "raw.sql", 8, 1},
                new Object[] {"raw-c64-async", "raw.sql", 64, 1},
                new Object[] {"escore-c40-async", "escore.sql", 40, 1})) {
            PgBaseline.Run run = b.run(
                    (String) p[0],
                    "not durable (fsync, synchronous_commit off)",
                    (String) p[1],
                    (Integer) p[2],
                    Math.max(5, this.p.pgbenchSeconds() * 2 / 3),
                    false,
                    (Integer) p[3]);
            report.log("pgbench %s: %s tx/s, latency avg %s ms", run.name(), f0(run.tps()), f2(run.latencyAvgMs()));
        }
        tables.pgbenchRuns.addAll(b.runs);
        b.runs.forEach(run -> top.pgbench.put(run.name(), run.eventsPerSecond()));
        double raw = pgbench.rawSingleAppend(false);
        tables.headline.put("asyncCommandsPerSecond", r.throughput());
        tables.headline.put("asyncRawSingleAppendPerSecond", raw);
        report.log(
                "not durable: %s commands/s vs raw %s/s (%s)", f0(r.throughput()), f0(raw), ratio(r.throughput(), raw));
        memory.rss("after synchronous_commit=off phases");
    }
}
