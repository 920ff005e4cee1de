package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows the run's parts collect for results.md (and the memory, headline and pgbench figures for results.json),
 * and their writing as the report's tables at the end of the run.
 */
final class BenchTables {
    final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    final Map<String, Map<String, Long>> rssAt = new LinkedHashMap<>();
    /** Per moment of {@link #rssAt}: each service's heap used and committed and its kept structures (HeapFigures). */
    final Map<String, Map<String, Object>> heapAt = new LinkedHashMap<>();

    final List<List<String>> phaseRows = new ArrayList<>();
    final List<List<String>> e2eRows = new ArrayList<>();
    final List<List<String>> stageRows = new ArrayList<>();
    final List<List<String>> cpuRows = new ArrayList<>();
    final Map<String, Object> headline = new LinkedHashMap<>();
    final List<List<String>> figureRows = new ArrayList<>();
    final Map<String, List<List<String>>> warmupRows = new LinkedHashMap<>();
    final List<List<String>> summaryRows = new ArrayList<>();
    List<String> cpuHeader;
    final List<List<String>> threadRows = new ArrayList<>();
    final List<List<String>> pgRows = new ArrayList<>();
    final List<PgBaseline.Run> pgbenchRuns = new ArrayList<>();
    List<String> rebuildRow;

    void write(BenchReport report, BenchSystem sys) {
        report.heading("Figures per phase (median over the phase's windows, min–max in brackets)");
        report.line(
                "Visible = the projection's commit of the command's fact (`pg_xact_commit_timestamp`) − the command's due"
                        + " time; SSE = a watching analyst's push; poll = a reader polling `GET /agreements/{id}` every 20 ms."
                        + " CPU = the system's processes (services, PostgreSQL, Kafka, load generator) per accepted command. WAL and rows: over the whole phase.");
        report.line("");
        report.table(PhaseFigures.HEADER, figureRows);
        if (!headline.isEmpty()) {
            report.heading("Headline (not-durable comparison)");
        }
        headline.forEach((k, v) -> report.line("- " + k + ": " + (v instanceof Double d ? f2(d) : v)));
        report.put("headline", headline);

        report.heading("Start-up and memory");
        List<List<String>> rows = new ArrayList<>();
        for (BenchSystem.Startup s : sys.startups) {
            rows.add(List.of(
                    s.service(),
                    Integer.toString(s.attempt()),
                    f0(s.readyMillis()),
                    s.quarkusStartedSeconds() == null ? "?" : f2(s.quarkusStartedSeconds()),
                    Long.toString(s.rssKbAtReady() / 1024),
                    s.startupCache(),
                    s.slowestSteps().entrySet().stream()
                            .limit(5)
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        report.table(
                List.of(
                        "service",
                        "start #",
                        "process start → ready 200 (ms)",
                        "Quarkus \"started in\" (s)",
                        "RSS at ready (MB)",
                        "start-up cache",
                        "slowest start-up steps (ms)"),
                rows);
        report.put("startups", sys.startups);
        List<String> header = new ArrayList<>(List.of("when"));
        rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : rssAt.entrySet()) {
            if (header.size() == 1) {
                header.addAll(e.getValue().keySet());
            }
            List<String> r = new ArrayList<>(List.of(e.getKey()));
            e.getValue().values().forEach(v -> r.add(Long.toString(v)));
            rows.add(r);
        }
        List<String> peak = new ArrayList<>(List.of("peak (sampled every 1 s)"));
        BenchSystem.SERVICES.forEach(svc -> peak.add(Long.toString(peakRss.getOrDefault(svc, -1024L) / 1024)));
        peak.add("");
        rows.add(peak);
        report.line(
                "RSS in MB (VmRSS of /proc/<pid>/status); services run with " + BenchSystem.serviceJvmLabel() + ".");
        report.line("");
        report.table(header, rows);
        report.put("rssMb", rssAt);
        report.put("heapMb", heapAt);
        report.put("peakRssKb", peakRss);

        warmupRows.forEach((label, wrows) -> {
            report.heading("Warm-up, " + label
                    + " (10 s rounds until the JIT settles: closed loop, then open loop with watched negotiations)");
            report.table(
                    List.of(
                            "elapsed s",
                            "load",
                            "accepted/s",
                            "p50 ms",
                            "p99 ms",
                            "JIT cores (3 services)",
                            "event-loop cores (3 services)"),
                    wrows);
        });

        report.heading("pgbench on the same PostgreSQL");
        rows = new ArrayList<>();
        for (PgBaseline.Run r : pgbenchRuns) {
            rows.add(List.of(
                    r.name(),
                    r.description(),
                    Integer.toString(r.clients()),
                    r.durable() ? "on" : "off",
                    f0(r.tps()),
                    f0(r.eventsPerSecond()),
                    f2(r.latencyAvgMs())));
        }
        report.table(
                List.of(
                        "run",
                        "shape",
                        "clients",
                        "durable (fsync + synchronous_commit on)",
                        "tx/s",
                        "events/s",
                        "latency avg (ms)"),
                rows);
        report.put("pgbenchRuns", pgbenchRuns);

        report.heading("Commands (client side; open loop measured from each command's due time)");
        report.table(
                List.of(
                        "phase",
                        "mode",
                        "target/s",
                        "clients",
                        "accepted/s",
                        "per-second min/median/max",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "max ms",
                        "outcomes"),
                phaseRows);
        report.heading("Command → visible in the projection");
        report.table(
                List.of(
                        "phase",
                        "accepted/s",
                        "commands measured (projection commit)",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "max ms",
                        "SSE sample n",
                        "SSE p50 ms",
                        "SSE p99 ms",
                        "SSE max ms"),
                e2eRows);
        if (!stageRows.isEmpty()) {
            report.line("Where the projection-commit figure goes, for the same commands: the command service's commit,"
                    + " the Kafka record's timestamp (the relay's send, whole ms), the projection's commit"
                    + " (`visibleStages`; docs/BENCHMARKS.md).");
            report.line("");
            report.table(VisibleStages.HEADER, stageRows);
        }
        if (!summaryRows.isEmpty()) {
            report.heading("Projection summaries: folded state (or kept facts) vs store");
            report.line("Agreement summary rows the projection's live batches recomputed in each phase, from the state"
                    + " folded with the row (`projection_summaries_refreshed_total{facts=\"state\"}`; older builds: the facts"
                    + " kept in memory, `{facts=\"kept\"}`) or read back from the store (`{facts=\"store\"}`), counted until the phase's commands were visible; the not-durable"
                    + " saturation: until its load ended), and the facts kept at the phase's end (`projection_kept_facts`, older builds)."
                    + " –: the projection does not expose them.");
            report.line("");
            report.table(ProjectionSummaries.HEADER, summaryRows);
        }
        if (cpuHeader != null) {
            report.heading("CPU: cores used per component (and CPU ms per accepted command)");
            report.table(cpuHeader, cpuRows);
        }
        if (!threadRows.isEmpty()) {
            report.heading("Service CPU by kind of thread (cores)");
            report.table(
                    List.of("phase", "service", "event loops", "JIT", "GC", "kafka", "worker", "other"), threadRows);
        }
        if (!pgRows.isEmpty()) {
            report.heading("PostgreSQL CPU by process (cores; client backends by database)");
            report.table(List.of("phase", "cores"), pgRows);
        }
        if (rebuildRow != null) {
            report.heading("Projection rebuild");
            report.table(
                    List.of(
                            "events",
                            "transactions",
                            "server s",
                            "events/s (server)",
                            "client s",
                            "events/s (client)",
                            "projection cores",
                            "postgres cores",
                            "kafka cores"),
                    List.of(rebuildRow));
        }
    }
}
