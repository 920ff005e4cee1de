package io.tracker.system.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tracker.system.bench.PhaseRunner.Measure;
import io.tracker.system.bench.PhaseRunner.PhaseOutcome;

/**
 * The pipeline benchmark (not part of the test suite; tag {@code bench}). One run, on this machine, of the whole
 * system on the embedded default (PostgreSQL 17 with {@code track_commit_timestamp=on} and Kafka from deploy/local,
 * the three services from their built jars, each a process of its own), in the profile {@code bench.run}
 * ({@link BenchProfile}: quick or full):
 * <ol>
 * <li>start-up time and resident memory of each service;</li>
 * <li>set-up: negotiations opened, investments announced (linked to them), SSE watchers; warm-up;</li>
 * <li>pgbench on the same PostgreSQL (raw, batched and es-core's statement shapes);</li>
 * <li>idle: the fixed cost with no load;</li>
 * <li>open-loop phases at fixed rates, saturation (closed loop), the concurrency and streams curves, short vs long
 * streams, a burst at twice the saturation rate; each split into windows (median, min–max);</li>
 * <li>projection rebuild from the topics;</li>
 * <li>(full) the same saturation on a PostgreSQL that is not durable (fsync and {@code synchronous_commit} off).</li>
 * </ol>
 * Results: {@code deploy/system-tests/target/bench/results.md} and {@code results.json} ({@link ResultsSchema});
 * docs/BENCHMARKS.md explains them. Run: {@code deploy/system-tests/bench.sh quick|full}.
 * <p>This class runs the sequence (set-up, phases, tear-down); the parts: {@link MachineFacts},
 * {@link StartupAndIdle}, {@link MemoryReadings}, {@link BenchSetUp}, {@link PgbenchPhase}, {@link LoadPhases} (each
 * phase measured by {@link PhaseRunner}, {@link PhaseCpu}), {@link RebuildPhase}, {@link NotDurablePhase}, and
 * {@link BenchTables} (results.md's tables), sharing a {@link BenchRun}.
 */
@Tag("bench")
class PipelineBenchmarkTest {
    private final BenchProfile p = BenchProfile.fromSystemProperties();
    private final int clients = p.clients();
    private final double jitSettledCores = Double.parseDouble(System.getProperty("bench.jitSettledCores", "0.10"));
    private final boolean durable = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    private final boolean profile = Boolean.parseBoolean(System.getProperty("bench.profile", "false"));
    private final List<String> serviceJvmArgs = Arrays.stream(
                    System.getProperty("bench.serviceJvmArgs", "").split(" "))
            .filter(s -> !s.isBlank())
            .toList();

    /** The services' JVM options: -Dbench.serviceJvmArgs, and in profile mode a JFR recording from the start. */
    private List<String> jvmArgs() {
        List<String> args = new ArrayList<>(serviceJvmArgs);
        if (profile) {
            args.add("-XX:StartFlightRecording=name=bench,settings=profile,maxage=1h");
        }
        return args;
    }

    private BenchReport report;
    private BenchSystem sys;
    private final TopLevel top = new TopLevel();
    private final BenchTables tables = new BenchTables();
    private final long startedNanos = System.nanoTime();

    @Test
    void wholePipeline() throws Exception {
        report = new BenchReport(BenchSystem.ROOT.resolve("deploy/system-tests/target/bench"));
        report.log("benchmark: start, profile %s (results in %s): %s", p.name(), report.dir, p);
        top.profile = p.name();
        top.startedAt = java.time.Instant.now().toString();
        top.commit = MachineFacts.commit();
        MachineFacts.machine(report, "start");
        MachineFacts.awaitQuiet(report, p);
        try (BenchSystem s = new BenchSystem("run")) {
            sys = s;
            run();
        } finally {
            MachineFacts.machineEnd(report);
            top.durationSeconds = (System.nanoTime() - startedNanos) / 1e9;
            report.write(top);
            report.log("benchmark: done, %s", report.dir.resolve("results.md"));
        }
    }

    private void run() throws Exception {
        sys.startPostgres(durable, profile);
        sys.startKafka();
        report.log("postgres ready in %.0f ms, kafka in %.0f ms", sys.postgresReadyMillis, sys.kafkaReadyMillis);
        MachineFacts.databaseFacts(sys, report, durable ? "durable" : "not durable");

        CpuAccounting cpu = new CpuAccounting();
        for (String svc : BenchSystem.SERVICES) {
            cpu.add(svc, () -> sys.pid(svc));
        }
        cpu.add("kafka", sys::kafkaPid);
        cpu.add("postgres", sys::postmasterPid);
        cpu.addProcess(
                "load generator (this JVM)", () -> ProcessHandle.current().pid());

        BenchRun run = new BenchRun(p, report, sys, cpu, top, tables, profile, jitSettledCores, this::jvmArgs);
        StartupAndIdle fixedCosts = new StartupAndIdle(run);
        MemoryReadings memory = new MemoryReadings(run);
        BenchSetUp setUp = new BenchSetUp(run);
        PhaseRunner phases = new PhaseRunner(run);
        LoadPhases loadPhases = new LoadPhases(run, phases);
        PgbenchPhase pgbench = new PgbenchPhase(run);

        fixedCosts.startServices();
        memory.rss("idle after start");
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = memory.rssSampler(sampling);

        try (LoadGenerator load = new LoadGenerator(sys)) {
            BenchWorkload.ClientMix d = BenchWorkload.ClientMix.DEFAULT;
            BenchWorkload work = new BenchWorkload(
                    clients,
                    Long.toString(System.currentTimeMillis() % 100000, 36),
                    new BenchWorkload.ClientMix(
                            d.keyed(), d.retried(), d.ifMatch(), d.contended(), d.hotStreams(), p.tokens()));
            report.putIn("setup", "clientMix", work.mix);
            setUp.setUp(load, work);
            work.reserveLongStreams(p.longStreamsPerType());
            Visibility.Poller poller = new Visibility.Poller(load);
            load.onAccepted(a -> {
                if (a.watched()
                        && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < 0.5) {
                    poller.start(a);
                }
            });
            try (Visibility.Watchers watchers = setUp.watch(work)) {
                Measure m = new Measure(load, work, watchers, poller);
                setUp.warmUp(load, work, "durable");
                memory.rss("after warm-up");

                pgbench.pgbench(true);
                fixedCosts.idle();

                loadPhases.fixedRates(m);
                PhaseOutcome saturation = loadPhases.saturation(m);
                loadPhases.concurrency(m);
                loadPhases.streams(m);
                work.scope(BenchWorkload.Scope.ALL);
                loadPhases.longStreams(m);
                loadPhases.burst(m, saturation.result().throughput());
            }
            memory.afterLoad();
            if (p.rebuild()) {
                new RebuildPhase(run).rebuild();
            }
            if (p.compareNotDurable() && durable) {
                new NotDurablePhase(run, setUp, phases, pgbench, memory).notDurable(load, work);
            }
        } finally {
            sampling.set(false);
            sampler.join(3000);
            tables.write(report, sys);
        }
    }
}
