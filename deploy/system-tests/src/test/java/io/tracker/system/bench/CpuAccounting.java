package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per component of the system, from {@code /proc}: a component is a process tree (a service JVM, the
 * Kafka JVM, the postmaster and its backends, this JVM = the load generator). A tree's time is the user +
 * system time of its live processes plus what their reaped children used; the machine's busy time comes from
 * {@code /proc/stat}. Snapshots at the start and end of a phase give cores used by each component, the share of
 * that time spent in the kernel (system calls, network, wake-ups), and the machine's context switches; PostgreSQL's
 * time by process ({@link #postgresTicks}). A JVM's time by kind of thread: {@link ThreadTicks}.
 */
final class CpuAccounting {
    static final double TICKS_PER_SECOND = 100.0; // CLK_TCK on Linux

    /**
     * Ticks per component (all, and in the kernel) and of the whole machine (busy, all, in the kernel: system, irq
     * and softirq) at one moment, and the machine's context switches since boot.
     */
    record Snapshot(
            long nanoTime,
            Map<String, Long> ticks,
            Map<String, Long> systemTicks,
            long machineBusy,
            long machineTotal,
            long machineKernel,
            long contextSwitches) {}

    /** A process's ticks: its own and its reaped children's, and of each the part in the kernel. */
    private record Stat(long pid, long ppid, long ownTicks, long childTicks, long ownSystem, long childSystem) {
        long all() {
            return ownTicks + childTicks;
        }

        long system() {
            return ownSystem + childSystem;
        }
    }

    private final Map<String, java.util.function.LongSupplier> roots = new LinkedHashMap<>();
    private final java.util.Set<String> processOnly = new java.util.HashSet<>();

    /** A component whose root pid may change (a restarted service): the process and its descendants. */
    void add(String component, java.util.function.LongSupplier rootPid) {
        roots.put(component, rootPid);
    }

    /** A component that is one process only, not its children (this JVM started the others). */
    void addProcess(String component, java.util.function.LongSupplier pid) {
        roots.put(component, pid);
        processOnly.add(component);
    }

    Snapshot snapshot() {
        Map<Long, Stat> stats = readAll();
        Map<Long, List<Long>> children = new HashMap<>();
        stats.values().forEach(s -> children.computeIfAbsent(s.ppid, k -> new ArrayList<>())
                .add(s.pid));
        Map<String, Long> ticks = new LinkedHashMap<>();
        Map<String, Long> systemTicks = new LinkedHashMap<>();
        roots.forEach((name, pid) -> {
            long root;
            try {
                root = pid.getAsLong();
            } catch (RuntimeException e) {
                root = -1;
            }
            if (processOnly.contains(name)) {
                Stat st = stats.get(root);
                ticks.put(name, st == null ? 0 : st.ownTicks);
                systemTicks.put(name, st == null ? 0 : st.ownSystem);
            } else {
                ticks.put(name, treeTicks(root, stats, children, Stat::all));
                systemTicks.put(name, treeTicks(root, stats, children, Stat::system));
            }
        });
        long[] machine = machine();
        return new Snapshot(System.nanoTime(), ticks, systemTicks, machine[0], machine[1], machine[2], machine[3]);
    }

    /**
     * The share of each component's CPU time spent in the kernel between two snapshots (to the hundredth; a
     * component that used no time is left out), and the machine's ("machine": system, irq and softirq of its busy
     * time).
     */
    static Map<String, Double> kernelShare(Snapshot a, Snapshot b) {
        Map<String, Double> share = new LinkedHashMap<>();
        b.ticks.forEach((k, all) -> {
            long used = all - a.ticks.getOrDefault(k, 0L);
            long system = b.systemTicks.getOrDefault(k, 0L) - a.systemTicks.getOrDefault(k, 0L);
            if (used > 0) {
                share.put(k, hundredths(Math.max(0, system) / (double) used));
            }
        });
        long busy = b.machineBusy - a.machineBusy;
        if (busy > 0) {
            share.put("machine", hundredths(Math.max(0, b.machineKernel - a.machineKernel) / (double) busy));
        }
        return share;
    }

    /** The machine's context switches per second between two snapshots (every process's, the kernel's too). */
    static double contextSwitchesPerSecond(Snapshot a, Snapshot b) {
        double seconds = (b.nanoTime - a.nanoTime) / 1e9;
        return seconds <= 0 ? 0 : Math.round((b.contextSwitches - a.contextSwitches) / seconds);
    }

    private static double hundredths(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** Cores used per component between two snapshots, plus "machine" (all) and "other". */
    static Map<String, Double> cores(Snapshot a, Snapshot b) {
        double seconds = (b.nanoTime - a.nanoTime) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        double sum = 0;
        for (String k : b.ticks.keySet()) {
            long d = Math.max(0, b.ticks.get(k) - a.ticks.getOrDefault(k, 0L));
            double c = d / TICKS_PER_SECOND / seconds;
            cores.put(k, c);
            sum += c;
        }
        // machine: busy jiffies over all CPUs (the /proc/stat unit is also 1/100 s)
        double machine = (b.machineBusy - a.machineBusy) / TICKS_PER_SECOND / seconds;
        cores.put("other", Math.max(0, machine - sum));
        cores.put("machine", machine);
        return cores;
    }

    private static long treeTicks(
            long root,
            Map<Long, Stat> stats,
            Map<Long, List<Long>> children,
            java.util.function.ToLongFunction<Stat> ticks) {
        if (root <= 0 || !stats.containsKey(root)) {
            return 0;
        }
        long total = 0;
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            Stat s = stats.get(pid);
            if (s != null) {
                total += ticks.applyAsLong(s);
            }
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return total;
    }

    private static Map<Long, Stat> readAll() {
        Map<Long, Stat> stats = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                try {
                    String line = Files.readString(d.resolve("stat"));
                    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime
                    // stime cutime cstime
                    long pid = Long.parseLong(d.getFileName().toString());
                    stats.put(
                            pid,
                            new Stat(
                                    pid,
                                    Long.parseLong(f[1]),
                                    Long.parseLong(f[11]) + Long.parseLong(f[12]),
                                    Long.parseLong(f[13]) + Long.parseLong(f[14]),
                                    Long.parseLong(f[12]),
                                    Long.parseLong(f[14])));
                } catch (IOException | RuntimeException e) {
                    // the process is gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return stats;
    }

    /**
     * PostgreSQL's CPU ticks by process: client backends by database ("db negotiation", ...), the background
     * processes by their title (walwriter, checkpointer, autovacuum worker, ...), and "exited" for what children
     * that have ended used (short-lived autovacuum workers, pgbench's backends), reaped into the postmaster.
     */
    static Map<String, Long> postgresTicks(long postmaster) {
        Map<Long, Stat> stats = readAll();
        Map<String, Long> ticks = new java.util.TreeMap<>();
        Stat root = stats.get(postmaster);
        if (root == null) {
            return ticks;
        }
        ticks.put("postmaster + exited children", root.ownTicks + root.childTicks);
        for (Stat st : stats.values()) {
            if (st.ppid != postmaster) {
                continue;
            }
            String title;
            try {
                title = new String(Files.readAllBytes(Path.of("/proc/" + st.pid + "/cmdline")))
                        .replace('\0', ' ')
                        .trim();
            } catch (IOException e) {
                continue;
            }
            String kind;
            if (title.startsWith("postgres: ")) {
                String[] w = title.substring(10).split(" ");
                // "postgres: <user> <database> <host(port)> <state>" for a client backend
                kind = w.length >= 3 && w[2].contains("(")
                        ? "db " + w[1]
                        : title.substring(10)
                                .replaceAll("\\s*\\d.*$", "")
                                .replaceAll(" [^ ]*\\(.*$", "")
                                .trim();
            } else {
                kind = "other";
            }
            ticks.merge(kind, st.ownTicks + st.childTicks, Long::sum);
        }
        return ticks;
    }

    /** From /proc/stat: the machine's busy, total and kernel jiffies, and its context switches since boot. */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            // cpu  user nice system idle iowait irq softirq steal ...
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long kernel = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long switches = lines.stream()
                    .filter(l -> l.startsWith("ctxt "))
                    .mapToLong(l -> Long.parseLong(l.substring(5).trim()))
                    .findFirst()
                    .orElse(0);
            return new long[] {total - idle, total, kernel, switches};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
