package io.tracker.system.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stable top level of results.json (schema 2; docs/BENCHMARKS.md describes every key). Every key is always
 * present; a figure that was not measured is null, never left out, so that two files always compare key by key.
 */
final class ResultsSchema {
    static final int VERSION = 2;
    static final List<String> RATES = List.of("100", "300", "1000");
    /** Keys every results.json has at its top level. */
    static final List<String> REQUIRED = List.of(
            "schema",
            "commit",
            "machine",
            "profile",
            "started_at",
            "duration_s",
            "saturation_commands_per_s",
            "saturation_commands_per_s_spread",
            "cpu_ms_per_command",
            "cpu_ms_per_command_by_rate",
            "postgres_cpu_ms_per_command_by_database",
            "idle_cores",
            "wal_per_command",
            "rows_per_command",
            "command_p99_ms",
            "command_p99_ms_spread",
            "visible_p99_ms",
            "visible_p99_ms_spread",
            "visible_sse_p99_ms",
            "visible_poll_p99_ms",
            "visible_stage_p99_ms",
            "outcomes",
            "concurrency",
            "streams",
            "long_streams",
            "burst",
            "rebuild_events_per_s",
            "ready_ms",
            "rss_mb_after_load",
            "pgbench",
            "ratio_to_pgbench_batched",
            "ratio_to_pgbench_single",
            "detail");
    /** Objects keyed by rate ({@link #RATES}), null where the rate was not sustained. */
    static final List<String> BY_RATE = List.of(
            "command_p99_ms",
            "command_p99_ms_spread",
            "visible_p99_ms",
            "visible_p99_ms_spread",
            "visible_sse_p99_ms",
            "visible_poll_p99_ms",
            "visible_stage_p99_ms",
            "cpu_ms_per_command_by_rate",
            "cores_by_rate");
    /** Objects keyed by process with "total" and "postgres". */
    static final List<String> BY_PROCESS = List.of("cpu_ms_per_command", "idle_cores");
    /** Objects keyed by service. */
    static final List<String> BY_SERVICE = List.of("ready_ms", "rss_mb_after_load");

    private ResultsSchema() {}

    /** What is wrong with a results.json top level; empty when it follows the schema. */
    static List<String> problems(Map<String, Object> json) {
        List<String> p = new ArrayList<>();
        for (String k : REQUIRED) {
            if (!json.containsKey(k)) {
                p.add("missing key " + k);
            }
        }
        for (String k : BY_RATE) {
            if (json.get(k) instanceof Map<?, ?> m) {
                for (String rate : RATES) {
                    if (!m.containsKey(rate)) {
                        p.add(k + " has no rate " + rate);
                    }
                }
            } else if (json.containsKey(k)) {
                p.add(k + " is not an object keyed by rate");
            }
        }
        for (String k : BY_PROCESS) {
            if (json.get(k) instanceof Map<?, ?> m) {
                for (String proc : List.of("total", "postgres")) {
                    if (!m.containsKey(proc)) {
                        p.add(k + " has no " + proc);
                    }
                }
            } else if (json.containsKey(k)) {
                p.add(k + " is not an object keyed by process");
            }
        }
        for (String k : BY_SERVICE) {
            if (json.get(k) instanceof Map<?, ?> m) {
                for (String svc : BenchSystem.SERVICES) {
                    if (!m.containsKey(svc)) {
                        p.add(k + " has no " + svc);
                    }
                }
            } else if (json.containsKey(k)) {
                p.add(k + " is not an object keyed by service");
            }
        }
        if (json.containsKey("pgbench") && !(json.get("pgbench") instanceof Map)) {
            p.add("pgbench is not an object keyed by shape");
        }
        if (json.containsKey("schema") && !Integer.valueOf(VERSION).equals(json.get("schema"))) {
            p.add("schema is not " + VERSION);
        }
        return p;
    }
}
