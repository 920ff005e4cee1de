package io.tracker.system.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one measured phase that results.json's top level is made of: spreads over its windows (median,
 * min, max), CPU per command by process, WAL and rows per command, outcomes. {@code visibleStageP99Ms}: the p99 of
 * each stage of command → visible ({@link VisibleStages#STAGES}; empty when not measured).
 */
record PhaseFigures(
        String name,
        boolean sustained,
        Spread throughput,
        Spread commandP99Ms,
        Spread visibleP99Ms,
        Spread sseP99Ms,
        Spread pollP99Ms,
        Map<String, Spread> visibleStageP99Ms,
        Spread cpuMsPerCommandTotal,
        Map<String, Double> cpuMsPerCommand,
        Map<String, Double> postgresCpuMsPerCommandByDatabase,
        Map<String, Object> walPerCommand,
        Map<String, Double> rowsPerCommand,
        Map<String, Long> outcomes) {

    /**
     * Cores by process ("load generator (this JVM)" becomes "load-generator"), plus "total": the sum of the
     * system's processes (services, PostgreSQL, Kafka, load generator). "machine" (all CPU of the machine) and
     * "other" (machine − total: anything else running) stay as they are, outside the total.
     */
    static Map<String, Double> byProcessCores(Map<String, Double> cores) {
        Map<String, Double> m = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> e : cores.entrySet()) {
            String k = e.getKey().equals("load generator (this JVM)") ? "load-generator" : e.getKey();
            m.put(k, e.getValue());
            if (!k.equals("machine") && !k.equals("other")) {
                total += e.getValue();
            }
        }
        m.put("total", total);
        return m;
    }

    /** CPU ms per command by process (see {@link #byProcessCores}). */
    static Map<String, Double> byProcess(Map<String, Double> cores, double commandsPerSecond) {
        return Costs.cpuMsPerCommand(byProcessCores(cores), commandsPerSecond);
    }

    /** Client backends' CPU ms per command by database, from PostgreSQL's cores by process ("db negotiation" ...). */
    static Map<String, Double> byDatabase(Map<String, Double> postgresCores, double commandsPerSecond) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String db : BenchSystem.DATABASES) {
            m.put(db, postgresCores.getOrDefault("db " + db, 0.0));
        }
        double other = 0;
        for (Map.Entry<String, Double> e : postgresCores.entrySet()) {
            if (!e.getKey().startsWith("db ")) {
                other += e.getValue();
            }
        }
        m.put("background", other);
        return Costs.cpuMsPerCommand(m, commandsPerSecond);
    }

    /** A map of doubles for JSON (NaN → null, rounded). */
    static Map<String, Double> json(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? null : Spread.num(v)));
        return out;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sustained", sustained);
        m.put("commands_per_s", throughput.json());
        m.put("command_p99_ms", commandP99Ms.json());
        m.put("visible_p99_ms", visibleP99Ms.json());
        m.put("visible_sse_p99_ms", sseP99Ms.json());
        m.put("visible_poll_p99_ms", pollP99Ms.json());
        Map<String, Object> stages = new LinkedHashMap<>();
        visibleStageP99Ms.forEach((k, v) -> stages.put(k, v.json()));
        m.put("visible_stage_p99_ms", stages);
        m.put("cpu_ms_per_command_total", cpuMsPerCommandTotal.json());
        m.put("cpu_ms_per_command", json(cpuMsPerCommand));
        m.put("postgres_cpu_ms_per_command_by_database", json(postgresCpuMsPerCommandByDatabase));
        m.put("wal_per_command", walPerCommand);
        m.put("rows_per_command", json(rowsPerCommand));
        m.put("outcomes", outcomes);
        return m;
    }

    /** "median (min–max)" columns of results.md. */
    List<String> row() {
        return List.of(
                name,
                throughput.text(0),
                commandP99Ms.text(1),
                visibleP99Ms.text(1),
                sseP99Ms.text(1),
                pollP99Ms.text(1),
                cpuMsPerCommandTotal.text(2),
                format("%.0f", walPerCommand.get("bytes_per_command")),
                format("%.2f", walPerCommand.get("flushes_per_command")),
                format("%.1f", rowsPerCommand.get("total")),
                sustained ? "" : "NOT SUSTAINED");
    }

    private static String format(String f, Object v) {
        return v instanceof Double d && !d.isNaN() ? String.format(f, d) : "–";
    }

    static final List<String> HEADER = List.of(
            "phase",
            "commands/s",
            "command p99 ms",
            "visible p99 ms (commit)",
            "SSE p99 ms",
            "poll p99 ms",
            "CPU ms/command (system)",
            "WAL bytes/command",
            "WAL flushes/command",
            "rows written/command",
            "");
}
