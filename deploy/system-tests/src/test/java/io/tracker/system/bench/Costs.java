package io.tracker.system.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-command cost arithmetic: CPU milliseconds per accepted command from cores used, WAL written and flushed
 * ({@code pg_stat_wal}) and rows written ({@code pg_stat_user_tables}) per command from two readings.
 */
final class Costs {
    private Costs() {}

    /** CPU ms per command for each component: cores × 1000 / commands per second; NaN for no commands. */
    static Map<String, Double> cpuMsPerCommand(Map<String, Double> cores, double commandsPerSecond) {
        Map<String, Double> m = new LinkedHashMap<>();
        cores.forEach((k, v) -> m.put(k, commandsPerSecond > 0 ? v * 1000.0 / commandsPerSecond : Double.NaN));
        return m;
    }

    /** The inverse: cores for each component from CPU ms per command at a rate of commands per second. */
    static Map<String, Double> coresAt(Map<String, Double> cpuMsPerCommand, double commandsPerSecond) {
        Map<String, Double> m = new LinkedHashMap<>();
        cpuMsPerCommand.forEach((k, v) -> m.put(k, v == null ? null : v * commandsPerSecond / 1000.0));
        return m;
    }

    /** Cores from CPU ticks (1/100 s) used over {@code seconds}. */
    static double cores(long ticks, double seconds) {
        return seconds > 0 ? Math.max(0, ticks) / CpuAccounting.TICKS_PER_SECOND / seconds : Double.NaN;
    }

    /** One reading of PostgreSQL 17's {@code pg_stat_wal} (cluster-wide). */
    record Wal(long records, long fpi, long bytes, long buffersFull, long writes, long syncs) {
        static final String QUERY =
                "select wal_records, wal_fpi, wal_bytes::bigint, wal_buffers_full, wal_write, wal_sync"
                        + " from pg_stat_wal";

        Wal minus(Wal o) {
            return new Wal(
                    records - o.records,
                    fpi - o.fpi,
                    bytes - o.bytes,
                    buffersFull - o.buffersFull,
                    writes - o.writes,
                    syncs - o.syncs);
        }

        /** The delta's figures per command (NaN for none), and the totals. */
        Map<String, Object> perCommand(long commands) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytes_per_command", Spread.num(per(bytes, commands)));
            m.put("records_per_command", Spread.num(per(records, commands)));
            m.put("flushes_per_command", Spread.num(per(syncs, commands)));
            m.put("writes_per_command", Spread.num(per(writes, commands)));
            m.put("fpi_per_command", Spread.num(per(fpi, commands)));
            m.put("bytes", bytes);
            m.put("flushes", syncs);
            m.put("writes", writes);
            m.put("buffers_full", buffersFull);
            return m;
        }
    }

    /** Rows inserted, updated and deleted in one database (sum over {@code pg_stat_user_tables}). */
    record Rows(long inserted, long updated, long deleted) {
        static final String QUERY = "select coalesce(sum(n_tup_ins), 0)::bigint, coalesce(sum(n_tup_upd), 0)::bigint,"
                + " coalesce(sum(n_tup_del), 0)::bigint from pg_stat_user_tables";

        Rows minus(Rows o) {
            return new Rows(inserted - o.inserted, updated - o.updated, deleted - o.deleted);
        }

        long written() {
            return inserted + updated + deleted;
        }
    }

    /** Rows written per command by database (and "total"), between two readings keyed by database. */
    static Map<String, Double> rowsPerCommand(Map<String, Rows> before, Map<String, Rows> after, long commands) {
        Map<String, Double> m = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Rows> e : after.entrySet()) {
            Rows b = before.get(e.getKey());
            long written =
                    b == null ? e.getValue().written() : e.getValue().minus(b).written();
            total += written;
            m.put(e.getKey(), per(written, commands));
        }
        m.put("total", per(total, commands));
        return m;
    }

    static double per(long amount, long commands) {
        return commands > 0 ? amount / (double) commands : Double.NaN;
    }

    /** {@code a / b}; NaN when either is unknown or b is 0. */
    static double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
    }
}
