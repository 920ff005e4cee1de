package io.tracker.system.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a run measured and builds results.json's top level ({@link ResultsSchema}): one stable shape,
 * every key present, null where a figure was not measured, medians over windows where a figure was repeated.
 */
final class TopLevel {
    String commit = "unknown";
    Map<String, Object> machine = new LinkedHashMap<>();
    String profile = "unknown";
    String startedAt;
    double durationSeconds = Double.NaN;
    PhaseFigures saturation;
    final Map<String, PhaseFigures> rates = new LinkedHashMap<>();
    Map<String, Double> idleCores = new LinkedHashMap<>();
    Map<String, Double> idleCoresSettled = new LinkedHashMap<>();
    final Map<Integer, PhaseFigures> concurrency = new LinkedHashMap<>();
    final Map<Integer, PhaseFigures> streams = new LinkedHashMap<>();
    PhaseFigures shortStreams;
    PhaseFigures longStreams;
    long longStreamMinEvents;
    Map<String, Object> burst = new LinkedHashMap<>();
    double rebuildEventsPerSecond = Double.NaN;
    final Map<String, Double> readyMs = new LinkedHashMap<>();
    final Map<String, Long> rssMbAfterLoad = new LinkedHashMap<>();
    final Map<String, Long> rssMbAfterLoadSettled = new LinkedHashMap<>();
    final Map<String, Double> pgbench = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();

    Map<String, Object> build() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("schema", ResultsSchema.VERSION);
        j.put("commit", commit);
        j.put("machine", machine);
        j.put("profile", profile);
        j.put("started_at", startedAt);
        j.put("duration_s", Spread.num(durationSeconds));
        j.put(
                "saturation_commands_per_s",
                saturation == null ? null : Spread.num(saturation.throughput().median()));
        j.put(
                "saturation_commands_per_s_spread",
                saturation == null ? null : saturation.throughput().json());
        j.put("cpu_ms_per_command", withTotals(saturation == null ? Map.of() : saturation.cpuMsPerCommand()));
        j.put("cpu_ms_per_command_by_rate", byRate(f -> withTotals(f.cpuMsPerCommand())));
        j.put(
                "postgres_cpu_ms_per_command_by_database",
                saturation == null ? null : PhaseFigures.json(saturation.postgresCpuMsPerCommandByDatabase()));
        j.put("idle_cores", withTotals(idleCores));
        j.put("idle_cores_settled", idleCoresSettled.isEmpty() ? null : withTotals(idleCoresSettled));
        // cores at each sustained rate, by process: CPU ms per command x the commands per second achieved
        j.put(
                "cores_by_rate",
                byRate(f -> withTotals(
                        Costs.coresAt(f.cpuMsPerCommand(), f.throughput().median()))));
        j.put("wal_per_command", saturation == null ? null : saturation.walPerCommand());
        j.put("rows_per_command", saturation == null ? null : PhaseFigures.json(saturation.rowsPerCommand()));
        j.put("command_p99_ms", byRate(f -> Spread.num(f.commandP99Ms().median())));
        j.put("command_p99_ms_spread", byRate(f -> f.commandP99Ms().json()));
        j.put("visible_p99_ms", byRate(f -> Spread.num(f.visibleP99Ms().median())));
        j.put("visible_p99_ms_spread", byRate(f -> f.visibleP99Ms().json()));
        j.put("visible_sse_p99_ms", byRate(f -> Spread.num(f.sseP99Ms().median())));
        j.put("visible_poll_p99_ms", byRate(f -> Spread.num(f.pollP99Ms().median())));
        j.put("visible_stage_p99_ms", byRate(TopLevel::stageP99Ms));
        Map<String, Object> outcomes = new LinkedHashMap<>();
        rates.forEach((k, f) -> outcomes.put(k, f.outcomes()));
        if (saturation != null) {
            outcomes.put("saturation", saturation.outcomes());
        }
        j.put("outcomes", outcomes);
        j.put("concurrency", curve(concurrency));
        j.put("streams", curve(streams));
        Map<String, Object> lng = new LinkedHashMap<>();
        lng.put("min_events_per_stream", longStreamMinEvents);
        lng.put("short", point(shortStreams));
        lng.put("long", point(longStreams));
        double s = shortStreams == null
                ? Double.NaN
                : shortStreams.cpuMsPerCommandTotal().median();
        double l = longStreams == null
                ? Double.NaN
                : longStreams.cpuMsPerCommandTotal().median();
        lng.put("cpu_ms_per_command_ratio_long_to_short", Spread.num(Costs.ratio(l, s)));
        j.put("long_streams", lng);
        j.put("burst", burst);
        j.put("rebuild_events_per_s", Spread.num(rebuildEventsPerSecond));
        j.put("ready_ms", byService(PhaseFigures.json(readyMs)));
        j.put("rss_mb_after_load", byService(rssMbAfterLoad));
        j.put("rss_mb_after_load_settled", rssMbAfterLoadSettled.isEmpty() ? null : byService(rssMbAfterLoadSettled));
        j.put("pgbench", PhaseFigures.json(pgbench));
        double sat = saturation == null ? Double.NaN : saturation.throughput().median();
        j.put(
                "ratio_to_pgbench_batched",
                Spread.num(Costs.ratio(sat, pgbench.getOrDefault("batch100-c8", Double.NaN))));
        j.put(
                "ratio_to_pgbench_single",
                Spread.num(Costs.ratio(
                        sat,
                        pgbench.entrySet().stream()
                                .filter(e -> e.getKey().startsWith("raw-"))
                                .mapToDouble(Map.Entry::getValue)
                                .max()
                                .orElse(Double.NaN))));
        j.put("detail", detail);
        return j;
    }

    /** Each stage of command → visible: the median of its window p99s (ms); null when the stages were not measured. */
    private static Map<String, Double> stageP99Ms(PhaseFigures f) {
        if (f.visibleStageP99Ms().isEmpty()) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        f.visibleStageP99Ms().forEach((k, v) -> m.put(k, Spread.num(v.median())));
        return m;
    }

    /** The by-process map with "total" and "postgres" always present (null if not measured). */
    private static Map<String, Double> withTotals(Map<String, Double> m) {
        Map<String, Double> out = PhaseFigures.json(m);
        out.putIfAbsent("total", null);
        out.putIfAbsent("postgres", null);
        return out;
    }

    /** Every service a key (null if not measured). */
    private static Map<String, Object> byService(Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        BenchSystem.SERVICES.forEach(svc -> out.put(svc, m.get(svc)));
        return out;
    }

    private Map<String, Object> byRate(java.util.function.Function<PhaseFigures, Object> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String rate : ResultsSchema.RATES) {
            m.put(rate, null);
        }
        rates.forEach((rate, fig) -> m.put(rate, fig.sustained() ? f.apply(fig) : null));
        return m;
    }

    private static Map<String, Object> curve(Map<Integer, PhaseFigures> points) {
        Map<String, Object> m = new LinkedHashMap<>();
        points.forEach((k, f) -> m.put(Integer.toString(k), point(f)));
        return m;
    }

    /** One point of a curve: throughput, command p99, CPU per command (medians), and the spreads. */
    private static Map<String, Object> point(PhaseFigures f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commands_per_s", Spread.num(f.throughput().median()));
        m.put("command_p99_ms", Spread.num(f.commandP99Ms().median()));
        m.put("visible_p99_ms", Spread.num(f.visibleP99Ms().median()));
        m.put("cpu_ms_per_command", Spread.num(f.cpuMsPerCommandTotal().median()));
        m.put("commands_per_s_spread", f.throughput().json());
        m.put("command_p99_ms_spread", f.commandP99Ms().json());
        m.put("outcomes", f.outcomes());
        return m;
    }

    static List<String> rateKeys(List<Double> rates) {
        return rates.stream().map(r -> Long.toString(Math.round(r))).toList();
    }
}
