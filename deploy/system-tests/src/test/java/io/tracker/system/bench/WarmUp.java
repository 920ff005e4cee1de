package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;
import static io.tracker.system.bench.BenchReport.ms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tracker.system.bench.LoadGenerator.PhaseResult;

/**
 * The warm-up: 10 s rounds until the three services' JIT compilers have settled (together less than
 * {@code bench.jitSettledCores} cores in a round), in two stages that each end on that criterion, after their
 * minimum and at their maximum: first the closed loop ({@code bench.clients}, no watched negotiation: the command
 * paths), then an open loop at {@code bench.warmupReadRate} with the fixed-rate phases' watched share (SSE pushes
 * and polling readers: the read paths), so that the fixed-rate phases start at the steady state too.
 */
final class WarmUp {
    static final int ROUND_SECONDS = 10;

    private final BenchReport report;
    private final Supplier<Map<String, Map<String, Long>>> threads;
    private final Supplier<Map<String, JitCounters.Reading>> jitCounters;
    private final double settledCores;
    private final long start = System.nanoTime();
    final List<List<String>> rows = new ArrayList<>();
    final List<Map<String, Object>> rounds = new ArrayList<>();

    /**
     * {@code threads}: each service's CPU ticks by thread kind (ThreadTicks.service); {@code jitCounters}: each
     * service's JIT counters (PhaseCpu.serviceJit), for the methods compiled in a round.
     */
    WarmUp(
            BenchReport report,
            Supplier<Map<String, Map<String, Long>>> threads,
            Supplier<Map<String, JitCounters.Reading>> jitCounters,
            double settledCores) {
        this.report = report;
        this.threads = threads;
        this.jitCounters = jitCounters;
        this.settledCores = settledCores;
    }

    /**
     * The share of a fixed-rate phase's commands that go to watched negotiations: half, at most ~73 a second (about
     * 40 a second of them answered 2xx, each sampled by SSE and half of them by a polling reader).
     */
    static double watchedShare(double rate) {
        return Math.min(0.5, 40.0 / (rate * 0.55));
    }

    /** Whether a stage ends after a round: its JIT settled after the stage's minimum, or its maximum reached. */
    static boolean done(double stageSeconds, double jitCores, int minSeconds, int maxSeconds, double settledCores) {
        return (stageSeconds >= minSeconds && jitCores < settledCores) || stageSeconds >= maxSeconds;
    }

    /** Cores the services' threads of one kind used between two readings {@code seconds} apart (all services). */
    static double cores(
            Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after, String kind, double seconds) {
        double ticks = 0;
        for (Map.Entry<String, Map<String, Long>> e : after.entrySet()) {
            Map<String, Long> b = before.get(e.getKey());
            if (b != null) {
                ticks += e.getValue().getOrDefault(kind, 0L) - b.getOrDefault(kind, 0L);
            }
        }
        return seconds <= 0 ? Double.NaN : ticks / CpuAccounting.TICKS_PER_SECOND / seconds;
    }

    /** Rounds of {@code round} (one 10 s run of load) until {@link #done}; logged and kept for the report. */
    void stage(String label, String load, int minSeconds, int maxSeconds, Supplier<PhaseResult> round) {
        long stageStart = System.nanoTime();
        while (true) {
            Map<String, Map<String, Long>> before = threads.get();
            Map<String, JitCounters.Reading> compiledBefore = jitCounters.get();
            long t0 = System.nanoTime();
            PhaseResult r = round.get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Map<String, Long>> after = threads.get();
            long compiles = PhaseCpu.jitDuring(compiledBefore, jitCounters.get()).values().stream()
                    .mapToLong(JitCounters.Reading::compiles)
                    .sum();
            double jit = cores(before, after, "JIT", seconds);
            double loops = cores(before, after, "event loops", seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            report.log(
                    "warm-up (%s, %s) %.0f s: %s accepted/s, p50 %s p99 %s ms, JIT %s cores (%d methods compiled),"
                            + " event loops %s cores, outcomes %s",
                    label,
                    load,
                    elapsed,
                    f0(r.throughput()),
                    ms(r.latency.getValueAtPercentile(50)),
                    ms(r.latency.getValueAtPercentile(99)),
                    f2(jit),
                    compiles,
                    f2(loops),
                    r.outcomeCounts());
            rows.add(List.of(
                    f0(elapsed),
                    load,
                    f0(r.throughput()),
                    ms(r.latency.getValueAtPercentile(50)),
                    ms(r.latency.getValueAtPercentile(99)),
                    f2(jit),
                    f2(loops)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("elapsedSeconds", elapsed);
            row.put("load", load);
            row.put("acceptedPerSecond", r.throughput());
            row.put("jitCores", jit);
            row.put("jitCompiles", compiles);
            row.put("eventLoopCores", loops);
            row.put("latency", BenchReport.percentileMap(r.latency));
            rounds.add(row);
            if (done((System.nanoTime() - stageStart) / 1e9, jit, minSeconds, maxSeconds, settledCores)) {
                return;
            }
        }
    }
}
