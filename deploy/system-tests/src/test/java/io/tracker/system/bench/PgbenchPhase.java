package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.tracker.system.bench.CpuAccounting.Snapshot;

/**
 * pgbench on the same PostgreSQL ({@link PgBaseline}): the raw, batched and es-core statement shapes, the baseline
 * the commands are compared with.
 */
final class PgbenchPhase {
    private final BenchProfile p;
    private final BenchReport report;
    private final BenchSystem sys;
    private final CpuAccounting cpu;
    private final TopLevel top;
    private final List<PgBaseline.Run> pgbenchRuns;

    PgbenchPhase(BenchRun run) {
        this.p = run.p();
        this.report = run.report();
        this.sys = run.sys();
        this.cpu = run.cpu();
        this.top = run.top();
        this.pgbenchRuns = run.tables().pgbenchRuns;
    }

    PgBaseline pgbench(boolean durableRun) throws Exception {
        PgBaseline b = new PgBaseline(sys);
        report.log("pgbench: %s", b.tool());
        b.prepare(64, 50);
        String payload;
        try (Connection c = sys.jdbc("negotiation");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select payload::text from es_events where event_type = 'LeadersMet' limit 1")) {
            rs.next();
            payload = rs.getString(1);
        }
        b.writeScripts(payload, 50);
        report.putIn("pgbench", "tool", b.tool());
        report.putIn("pgbench", "payloadBytes", payload.length());
        Snapshot before = cpu.snapshot();
        List<Object[]> plan = List.of(
                new Object[] {"raw-c8", "event + outbox insert, 1 event/tx", "raw.sql", 8, 1},
                new Object[] {"raw-c64", "event + outbox insert, 1 event/tx", "raw.sql", 64, 1},
                new Object[] {"batch100-c8", "event + outbox insert, 100 events/tx", "batch100.sql", 8, 100},
                new Object[] {
                    "escore-c40",
                    "es-core's command in the database: read the events after the kept version, append as one statement (claim + event + outbox), 1 event/tx",
                    "escore.sql",
                    40,
                    1
                },
                new Object[] {
                    "escore-v1-c40",
                    "es-core's first shape: whole stream read, BEGIN, claim, event + outbox with pg_notify, COMMIT",
                    "escore-v1.sql",
                    40,
                    1
                });
        for (Object[] p : plan) {
            PgBaseline.Run r = b.run(
                    (String) p[0],
                    (String) p[1],
                    (String) p[2],
                    (Integer) p[3],
                    this.p.pgbenchSeconds(),
                    durableRun,
                    (Integer) p[4]);
            report.log(
                    "pgbench %s (%s, %d clients, durable=%s): %s tx/s = %s events/s, latency avg %s ms",
                    r.name(),
                    r.description(),
                    r.clients(),
                    durableRun,
                    f0(r.tps()),
                    f0(r.eventsPerSecond()),
                    f2(r.latencyAvgMs()));
        }
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        report.log("pgbench: CPU cores %s", cores);
        pgbenchRuns.addAll(b.runs);
        for (PgBaseline.Run r : b.runs) {
            top.pgbench.put(r.name(), r.eventsPerSecond());
        }
        return b;
    }

    double rawSingleAppend(boolean durableRun) {
        return pgbenchRuns.stream()
                .filter(r -> r.durable() == durableRun && r.name().startsWith("raw-"))
                .mapToDouble(PgBaseline.Run::eventsPerSecond)
                .max()
                .orElse(Double.NaN);
    }
}
