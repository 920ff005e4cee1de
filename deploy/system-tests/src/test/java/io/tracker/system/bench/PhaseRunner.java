package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f1;
import static io.tracker.system.bench.BenchReport.f2;
import static io.tracker.system.bench.BenchReport.ms;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.tracker.system.bench.CpuAccounting.Snapshot;
import io.tracker.system.bench.LoadGenerator.Accepted;
import io.tracker.system.bench.LoadGenerator.PhaseResult;

/**
 * Runs one phase's load and measures it: latency and throughput, CPU (by process, thread kind, PostgreSQL process
 * and window), command → visible (facts, SSE, polling, by stage), WAL and rows per command, the projection's
 * summaries; logs it, adds its rows to the report's tables and its figures to results.json.
 */
final class PhaseRunner {
    private final BenchReport report;
    private final BenchSystem sys;
    private final CpuAccounting cpu;
    private final BenchTables tables;
    private final boolean profile;

    PhaseRunner(BenchRun run) {
        this.report = run.report();
        this.sys = run.sys();
        this.cpu = run.cpu();
        this.tables = run.tables();
        this.profile = run.profile();
    }

    /** What every phase measures with. */
    record Measure(LoadGenerator load, BenchWorkload work, Visibility.Watchers watchers, Visibility.Poller poller) {}

    /** A phase's raw result, its figures, and its commit-time visibility (null when not measured). */
    record PhaseOutcome(PhaseResult result, PhaseFigures figures, Visibility.Result facts) {}

    interface PhaseRun {
        PhaseResult run() throws Exception;
    }

    PhaseOutcome phase(Measure m, String name, PhaseRun body, boolean measure) throws Exception {
        report.log("phase %s: start", name);
        Costs.Wal walBefore = wal();
        Map<String, Costs.Rows> rowsBefore = rows();
        Profiles.PgActivity pg = null;
        String slug = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        java.time.Instant begin = java.time.Instant.now();
        if (profile && measure) {
            pg = new Profiles.PgActivity(sys, 20);
        }
        ProjectionSummaries.Reading summariesBefore = ProjectionSummaries.read(sys);
        Map<String, Map<String, Long>> threadsBefore = PhaseCpu.serviceThreads(sys);
        Map<String, JitCounters.Reading> jitBefore = PhaseCpu.serviceJit(sys);
        Map<String, Long> brokerBefore = ThreadTicks.broker(sys.kafkaPid());
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        PhaseCpu.WindowSnapshots windowCpu = new PhaseCpu.WindowSnapshots(cpu, before.nanoTime());
        PhaseResult r = body.run();
        Snapshot after = cpu.snapshot();
        List<Snapshot> windowSnaps = windowCpu.stop(r.windows, before);
        Map<String, Map<String, Long>> threadsAfter = PhaseCpu.serviceThreads(sys);
        Map<String, Map<String, Object>> jit = new LinkedHashMap<>();
        PhaseCpu.jitDuring(jitBefore, PhaseCpu.serviceJit(sys)).forEach((svc, d) -> jit.put(svc, d.figures()));
        Map<String, Long> brokerAfter = ThreadTicks.broker(sys.kafkaPid());
        Map<String, Long> pgAfter = CpuAccounting.postgresTicks(sys.postmasterPid());
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/" + slug + "-pg_stat_activity.txt"), pg.summary());
            java.time.Instant end = java.time.Instant.now();
            for (String svc : BenchSystem.SERVICES) {
                Path jfr = report.dir.resolve("profile/" + slug + "-" + svc + ".jfr");
                Profiles.jfrDump(sys.pid(svc), jfr, begin, end);
                Profiles.write(
                        report.dir.resolve("profile/" + slug + "-" + svc + ".txt"),
                        Profiles.summarize(jfr, 25, begin, end));
            }
        }
        Map<String, Double> cores = CpuAccounting.cores(before, after);
        long[] spread = r.perSecondSpread();
        report.log(
                "phase %s: %s accepted/s (per second min %d, median %d), latency p50 %s p99 %s p99.9 %s max %s ms, outcomes %s,"
                        + " late sends %d, max in flight %d",
                name,
                f0(r.throughput()),
                spread[0],
                spread[1],
                ms(r.latency.getValueAtPercentile(50)),
                ms(r.latency.getValueAtPercentile(99)),
                ms(r.latency.getValueAtPercentile(99.9)),
                ms(r.latency.getMaxValue()),
                r.outcomeCounts(),
                r.lateSends,
                r.maxInFlight.get());
        if (!Double.isNaN(r.abandonedAfterSeconds)) {
            report.log(
                    "phase %s: NOT SUSTAINED: the generator fell more than its limit behind schedule and stopped"
                            + " after %.1f s of the schedule (%d sent)",
                    name, r.abandonedAfterSeconds, r.sent);
        }
        report.log("phase %s: accepted by service %s", name, r.okByService);
        report.log(
                "phase %s: CPU cores %s",
                name,
                cores.entrySet().stream()
                        .map(e -> e.getKey() + "=" + f2(e.getValue()))
                        .collect(Collectors.joining(", ")));
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Object> threadCores = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            Map<String, Long> a = threadsBefore.get(svc);
            Map<String, Long> b = threadsAfter.get(svc);
            if (a == null || b == null) {
                continue;
            }
            Map<String, Double> kinds = new LinkedHashMap<>();
            b.forEach((k, v) ->
                    kinds.put(k, Math.max(0, v - a.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / seconds));
            threadCores.put(svc, kinds);
            List<String> trow = new ArrayList<>(List.of(name, svc));
            kinds.values().forEach(v -> trow.add(f2(v)));
            tables.threadRows.add(trow);
        }
        report.log("phase %s: service CPU cores by thread kind %s", name, threadCores);
        Map<String, Object> kernel = PhaseCpu.kernel(before, after, r.throughput());
        report.log("phase %s: in the kernel %s", name, kernel);
        report.log("phase %s: JIT compilations by service %s", name, jit);
        Map<String, Double> brokerCores = ThreadTicks.coresByKind(brokerBefore, brokerAfter, seconds);
        report.log("phase %s: kafka broker CPU cores by thread kind %s", name, brokerCores);
        Map<String, Double> pgCores = PhaseCpu.postgresCores(pgBefore, pgAfter, seconds);
        report.log("phase %s: postgres CPU cores by process %s", name, pgCores);
        tables.pgRows.add(List.of(
                name,
                pgCores.entrySet().stream()
                        .map(e -> e.getKey() + " " + f2(e.getValue()))
                        .collect(Collectors.joining(", "))));

        String mode = Double.isNaN(r.abandonedAfterSeconds)
                ? r.mode
                : r.mode + ", NOT SUSTAINED: stopped after " + f1(r.abandonedAfterSeconds) + " s of schedule";
        List<String> row = new ArrayList<>(List.of(
                name,
                mode,
                r.targetRate > 0 ? f0(r.targetRate) : "–",
                r.targetRate > 0 ? "≤ 1024 in flight" : Integer.toString(r.clients),
                f0(r.throughput()),
                spread[0] + " / " + spread[1] + " / " + spread[2]));
        row.addAll(BenchReport.percentiles(r.latency));
        row.add(outcomes(r));
        tables.phaseRows.add(row);
        List<String> crow = new ArrayList<>(List.of(name, f0(r.throughput())));
        cores.values().forEach(v -> crow.add(f2(v) + " (" + f2(v * 1000 / Math.max(1, r.throughput())) + ")"));
        tables.cpuRows.add(crow);
        if (tables.cpuHeader == null) {
            tables.cpuHeader = new ArrayList<>(List.of("phase", "accepted/s"));
            tables.cpuHeader.addAll(cores.keySet());
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("mode", r.mode);
        j.put("targetRate", r.targetRate);
        j.put("clients", r.clients);
        j.put("seconds", r.seconds);
        j.put("acceptedPerSecond", r.throughput());
        j.put("perSecondMinMedianMax", spread);
        j.put("latency", BenchReport.percentileMap(r.latency));
        Map<String, Object> bySvc = new LinkedHashMap<>();
        r.latencyByService.forEach((k, v) -> bySvc.put(k, BenchReport.percentileMap(v)));
        j.put("latencyByService", bySvc);
        j.put("outcomes", r.outcomeCounts());
        j.put("lateSends", r.lateSends);
        j.put("maxInFlight", r.maxInFlight.get());
        j.put("sent", r.sent);
        j.put("abandonedAfterSeconds", Double.isNaN(r.abandonedAfterSeconds) ? null : r.abandonedAfterSeconds);
        Map<String, Long> byService = new LinkedHashMap<>();
        r.okByService.forEach((k, v) -> byService.put(k, v.get()));
        j.put("acceptedByService", byService);
        j.put("cpuCores", cores);
        j.put("serviceCpuCoresByThreadKind", threadCores);
        j.put("kernel", kernel);
        j.put("jitCompilationsByService", jit);
        j.put("kafkaCpuCoresByThreadKind", brokerCores);
        j.put("postgresCpuCoresByProcess", pgCores);

        Visibility.Result facts = null;
        Visibility.Result sse = null;
        Visibility.Result poll = null;
        Map<Accepted, VisibleStages.Applied> applied = new java.util.HashMap<>();
        if (measure) {
            facts = new Visibility(sys)
                    .fromFacts(
                            r.accepted, Duration.ofSeconds(name.startsWith("burst") ? 600 : 120), r.windows, applied);
            List<Accepted> watchedOnes =
                    r.accepted.stream().filter(Accepted::watched).toList();
            sse = m.watchers() == null ? null : m.watchers().latency(r.accepted, r.windows);
            poll = m.poller() == null ? null : m.poller().latency(r.accepted, r.windows, Duration.ofSeconds(30));
            if (sse == null) {
                sse = new Visibility.Result(
                        new org.HdrHistogram.Histogram(3), 0, 0, Visibility.histograms(r.windows.count()), 0);
            }
            report.log(
                    "phase %s: command → projection commit n=%d missing=%d p50 %s p99 %s p99.9 %s max %s ms;"
                            + " SSE sample n=%d (watched commands %d) missing=%d p50 %s p99 %s max %s ms",
                    name,
                    facts.measured(),
                    facts.missing(),
                    ms(facts.latency().getValueAtPercentile(50)),
                    ms(facts.latency().getValueAtPercentile(99)),
                    ms(facts.latency().getValueAtPercentile(99.9)),
                    ms(facts.latency().getMaxValue()),
                    sse.measured(),
                    watchedOnes.size(),
                    sse.missing(),
                    ms(sse.latency().getValueAtPercentile(50)),
                    ms(sse.latency().getValueAtPercentile(99)),
                    ms(sse.latency().getMaxValue()));
            List<String> e = new ArrayList<>(List.of(name, f0(r.throughput())));
            e.add(facts.measured() + (facts.missing() > 0 ? " (" + facts.missing() + " not visible in 120 s)" : ""));
            e.addAll(BenchReport.percentiles(facts.latency()));
            e.add(Long.toString(sse.measured()));
            List<String> ssep = BenchReport.percentiles(sse.latency());
            e.add(ssep.get(0));
            e.add(ssep.get(1));
            e.add(ssep.get(3));
            tables.e2eRows.add(e);
            j.put("commandToProjection_factAppliedAt", BenchReport.percentileMap(facts.latency()));
            j.put("commandToProjection_factMissing", facts.missing());
            j.put("commandToProjection_sse", BenchReport.percentileMap(sse.latency()));
            j.put("commandToProjection_sseMissing", sse.missing());
            if (poll != null) {
                j.put("commandToProjection_poll", BenchReport.percentileMap(poll.latency()));
                j.put("commandToProjection_pollMissing", poll.missing());
                report.log(
                        "phase %s: polling reader sample n=%d missing=%d p50 %s p99 %s ms",
                        name,
                        poll.measured(),
                        poll.missing(),
                        ms(poll.latency().getValueAtPercentile(50)),
                        ms(poll.latency().getValueAtPercentile(99)));
            }
        }
        summaries(name, summariesBefore, j);
        // pg_stat_* are flushed by each backend at most once a second: wait for the phase's last ones
        BenchSystem.sleep(1100);
        Costs.Wal walDelta = wal().minus(walBefore);
        Map<String, Double> rowsPerCommand = Costs.rowsPerCommand(rowsBefore, rows(), r.ok.get());
        Map<String, Object> walPerCommand = walDelta.perCommand(r.ok.get());
        // where command → visible went, by stage: read after the counters above, so that they do not count it
        VisibleStages stages = measure ? VisibleStages.measure(sys, r.accepted, applied, r.windows) : null;
        if (stages != null) {
            j.put("visibleStages", stages.json());
            tables.stageRows.add(stages.row(name));
            report.log("phase %s: command → visible by stage %s", name, stages.json());
        }
        List<Double> windowCpuMs = new ArrayList<>();
        List<Double> windowRates = r.windowThroughput();
        for (int i = 0; i + 1 < windowSnaps.size(); i++) {
            double system = PhaseFigures.byProcessCores(CpuAccounting.cores(windowSnaps.get(i), windowSnaps.get(i + 1)))
                    .get("total");
            windowCpuMs.add(
                    i < windowRates.size() && windowRates.get(i) > 0 ? system * 1000 / windowRates.get(i) : Double.NaN);
        }
        // a fixed rate is sustained when the generator kept its schedule and the answers (accepted or refused) kept up
        boolean sustained = Double.isNaN(r.abandonedAfterSeconds)
                && (r.targetRate <= 0 || (r.ok.get() + r.failed.get()) / r.seconds >= 0.9 * r.targetRate);
        PhaseFigures figures = new PhaseFigures(
                name,
                sustained,
                Spread.of(windowRates),
                Spread.of(r.windowP99Ms()),
                facts == null ? Spread.NONE : Spread.of(facts.windowP99Ms()),
                sse == null ? Spread.NONE : Spread.of(sse.windowP99Ms()),
                poll == null ? Spread.NONE : Spread.of(poll.windowP99Ms()),
                stages == null ? Map.of() : stages.p99ByWindow(),
                Spread.of(windowCpuMs),
                PhaseFigures.byProcess(cores, r.throughput()),
                PhaseFigures.byDatabase(pgCores, r.throughput()),
                walPerCommand,
                rowsPerCommand,
                r.outcomeCounts());
        j.put("figures", figures.json());
        j.put("withIdempotencyKey", r.withKey.get());
        j.put("withIfMatch", r.withIfMatch.get());
        j.put("retryOutcomes", counts(r.retryOutcomes));
        j.put("retriesSameVersion", r.retriesSameVersion.get());
        j.put("retriesOtherVersion", r.retriesOtherVersion.get());
        Map<String, Object> byToken = new LinkedHashMap<>();
        r.latencyByToken.forEach((k, v) -> byToken.put("token " + k, BenchReport.percentileMap(v)));
        j.put("latencyByToken", byToken);
        report.log(
                "phase %s: windows %s; WAL %s; rows per command %s; keyed %d, If-Match %d, retries %s (same version %d,"
                        + " other %d)",
                name,
                figures.json(),
                walPerCommand,
                rowsPerCommand,
                r.withKey.get(),
                r.withIfMatch.get(),
                counts(r.retryOutcomes),
                r.retriesSameVersion.get(),
                r.retriesOtherVersion.get());
        tables.figureRows.add(figures.row());
        report.putIn("phases", name, j);
        return new PhaseOutcome(r, figures, facts);
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> m) {
        Map<String, Long> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** pg_stat_wal now (cluster-wide). */
    private Costs.Wal wal() throws SQLException {
        try (Connection c = sys.jdbc("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(Costs.Wal.QUERY)) {
            rs.next();
            return new Costs.Wal(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
    }

    /** Rows written so far per database of the system (pg_stat_user_tables). */
    private Map<String, Costs.Rows> rows() throws SQLException {
        Map<String, Costs.Rows> m = new LinkedHashMap<>();
        for (String db : BenchSystem.DATABASES) {
            try (Connection c = sys.jdbc(db);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(Costs.Rows.QUERY)) {
                rs.next();
                m.put(db, new Costs.Rows(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return m;
    }
    /**
     * The projection's summary rows of the phase, from kept facts vs from the store. Read at the end of
     * {@link #phase}: a measured phase has waited above until its commands were visible, so the rows their events
     * caused count in this phase rather than in the next one.
     */
    private void summaries(String name, ProjectionSummaries.Reading before, Map<String, Object> phaseJson) {
        ProjectionSummaries.Phase s = ProjectionSummaries.Phase.between(before, ProjectionSummaries.read(sys));
        report.log("phase %s: %s", name, s.logText());
        tables.summaryRows.add(s.row(name));
        phaseJson.put("projectionSummaries", s.json());
    }

    private static String outcomes(PhaseResult r) {
        return r.outcomeCounts().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
