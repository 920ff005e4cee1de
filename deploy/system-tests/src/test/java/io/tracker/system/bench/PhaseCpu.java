package io.tracker.system.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tracker.system.bench.CpuAccounting.Snapshot;

/**
 * The CPU readings a phase takes besides {@link CpuAccounting}'s snapshots at its start and end: snapshots at its
 * window boundaries, the services' ticks by thread and JIT counters, and PostgreSQL's cores by process; and what
 * the snapshots say of the kernel's part.
 */
final class PhaseCpu {
    private PhaseCpu() {}

    /** PostgreSQL's cores by process between two readings of its ticks (those under 0.005 cores left out). */
    static Map<String, Double> postgresCores(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> cores = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            double c = Math.max(0, v - before.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / seconds;
            if (c >= 0.005) {
                cores.put(k, Math.round(c * 1000) / 1000.0);
            }
        });
        return cores;
    }

    /**
     * The kernel's part of a phase: each component's share of its CPU time spent in the kernel ({@code cpuShare},
     * "machine" included), and the machine's context switches per second and per accepted command.
     */
    static Map<String, Object> kernel(Snapshot before, Snapshot after, double commandsPerSecond) {
        double switches = CpuAccounting.contextSwitchesPerSecond(before, after);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpuShare", CpuAccounting.kernelShare(before, after));
        m.put("contextSwitchesPerSecond", switches);
        m.put(
                "contextSwitchesPerCommand",
                commandsPerSecond > 0 ? Math.round(switches / commandsPerSecond * 10) / 10.0 : null);
        return m;
    }

    /** Each running service's JIT counters (from its perf data file: nothing runs in the service). */
    static Map<String, JitCounters.Reading> serviceJit(BenchSystem sys) {
        Map<String, JitCounters.Reading> m = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            try {
                JitCounters.read(sys.pid(svc)).ifPresent(r -> m.put(svc, r));
            } catch (RuntimeException e) {
                // not running
            }
        }
        return m;
    }

    /**
     * What each service's JIT did between two readings (a service missing from either reading, or restarted between
     * them: another JVM, is left out).
     */
    static Map<String, JitCounters.Reading> jitDuring(
            Map<String, JitCounters.Reading> before, Map<String, JitCounters.Reading> after) {
        Map<String, JitCounters.Reading> m = new LinkedHashMap<>();
        after.forEach((svc, b) -> {
            JitCounters.Reading a = before.get(svc);
            if (a != null && a.pid() == b.pid()) {
                m.put(svc, b.minus(a));
            }
        });
        return m;
    }

    static Map<String, Map<String, Long>> serviceThreads(BenchSystem sys) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            try {
                m.put(svc, ThreadTicks.service(sys.pid(svc)));
            } catch (RuntimeException e) {
                // not running
            }
        }
        return m;
    }

    /**
     * CPU snapshots at the phase's window boundaries, taken on a thread of its own every 250 ms: the snapshot
     * closest after each boundary is that window's.
     */
    static final class WindowSnapshots {
        private final List<Snapshot> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        WindowSnapshots(CpuAccounting cpu, long startNanos) {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            taken.add(cpu.snapshot());
                            try {
                                Thread.sleep(250);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "window-cpu");
            thread.setDaemon(true);
            thread.start();
        }

        /** The snapshots nearest each window boundary (start of window 0 .. end of the last). */
        List<Snapshot> stop(Windows windows, Snapshot first) throws InterruptedException {
            running.set(false);
            thread.join(2000);
            List<Snapshot> out = new ArrayList<>();
            if (windows == null) {
                return out;
            }
            List<Snapshot> all = new ArrayList<>(List.of(first));
            all.addAll(taken);
            for (int i = 0; i <= windows.count(); i++) {
                long t = windows.start(i);
                all.stream()
                        .min(java.util.Comparator.comparingLong(x -> Math.abs(x.nanoTime() - t)))
                        .ifPresent(out::add);
            }
            return out;
        }
    }
}
