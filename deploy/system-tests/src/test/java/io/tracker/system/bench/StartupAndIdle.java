package io.tracker.system.bench;

import java.time.Duration;
import java.util.Map;

import io.tracker.system.bench.CpuAccounting.Snapshot;

/**
 * The fixed costs: the services' start-up (time to ready, resident memory) and the cores each process uses with no
 * load, before and after PostgreSQL's autovacuum has done with the set-up's writes.
 */
final class StartupAndIdle {
    private final BenchRun run;
    private final BenchProfile p;
    private final BenchReport report;
    private final BenchSystem sys;
    private final CpuAccounting cpu;
    private final TopLevel top;

    StartupAndIdle(BenchRun run) {
        this.run = run;
        this.p = run.p();
        this.report = run.report();
        this.sys = run.sys();
        this.cpu = run.cpu();
        this.top = run.top();
    }

    /** Starts the services (each its own process) and logs each one's start-up. */
    void startServices() {
        sys.startServices(run.jvmArgs().get());
        sys.startups.forEach(st -> report.log(
                "started %s in %.0f ms (Quarkus: %ss), RSS %d MB",
                st.service(), st.readyMillis(), st.quarkusStartedSeconds(), st.rssKbAtReady() / 1024));
        sys.startups.forEach(st -> top.readyMs.putIfAbsent(st.service(), st.readyMillis()));
    }

    /** Cores each process uses with no load at all: the fixed cost. */
    void idle() {
        BenchSystem.sleep(2000);
        Snapshot before = cpu.snapshot();
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        BenchSystem.sleep(p.idleSeconds() * 1000L);
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        Map<String, Double> byProcess = PhaseFigures.byProcessCores(cores);
        top.idleCores = byProcess;
        report.log(
                "idle %d s: cores %s; postgres by process %s",
                p.idleSeconds(),
                byProcess,
                PhaseCpu.postgresCores(pgBefore, CpuAccounting.postgresTicks(sys.postmasterPid()), p.idleSeconds()));
        report.put("idleCores", byProcess);

        // the same once PostgreSQL's autovacuum has done with what the set-up, warm-up and pgbench wrote: that
        // is the load's deferred work (and an autovacuum worker's whole CPU counts when it exits), not the fixed cost
        double waited = autovacuumDone(Duration.ofSeconds(180));
        Snapshot settled = cpu.snapshot();
        Map<String, Long> pgSettled = CpuAccounting.postgresTicks(sys.postmasterPid());
        BenchSystem.sleep(p.idleSeconds() * 1000L);
        Snapshot settledEnd = cpu.snapshot();
        Map<String, Double> settledByProcess = PhaseFigures.byProcessCores(CpuAccounting.cores(settled, settledEnd));
        top.idleCoresSettled = settledByProcess;
        Map<String, Object> kernel = PhaseCpu.kernel(settled, settledEnd, 0);
        report.log(
                "idle %d s after autovacuum finished (waited %.0f s): cores %s; postgres by process %s; in the kernel %s",
                p.idleSeconds(),
                waited,
                settledByProcess,
                PhaseCpu.postgresCores(pgSettled, CpuAccounting.postgresTicks(sys.postmasterPid()), p.idleSeconds()),
                kernel);
        report.put("idleCoresSettled", settledByProcess);
        report.put("idleKernelSettled", kernel);
        report.put("idleSettleWaitSeconds", waited);
    }

    /** Waits (at most {@code max}) until no autovacuum worker runs; the seconds waited. */
    private double autovacuumDone(Duration max) {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < max.toNanos()) {
            try (java.sql.Connection c = sys.jdbc("postgres");
                    java.sql.ResultSet r = c.createStatement()
                            .executeQuery("select count(*) from pg_stat_activity"
                                    + " where backend_type = 'autovacuum worker'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    break;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot ask PostgreSQL for its autovacuum workers", e);
            }
            BenchSystem.sleep(1000);
        }
        BenchSystem.sleep(2000); // the connection just used has exited and been counted before the window
        return (System.nanoTime() - t0) / 1e9;
    }
}
