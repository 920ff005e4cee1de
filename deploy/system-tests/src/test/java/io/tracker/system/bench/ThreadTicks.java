package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM's CPU ticks by kind of thread, from {@code /proc/<pid>/task/*}: a service's (JIT, GC, event loops, Kafka
 * clients) and the Kafka broker's (request threads, group coordinator, controller), and the cores by kind between
 * two readings. {@link CpuAccounting} counts whole processes.
 */
final class ThreadTicks {
    private ThreadTicks() {}

    /**
     * A JVM's CPU ticks by kind of thread (from /proc/&lt;pid&gt;/task/*: comm is the thread name, cut to 15
     * characters): JIT compilers, garbage collector, Vert.x event loops, Kafka clients, and the rest.
     */
    static Map<String, Long> service(long pid) {
        return threadTicks(pid, List.of("event loops", "JIT", "GC", "kafka", "worker", "other"), ThreadTicks::kind);
    }

    /**
     * The Kafka broker JVM's CPU ticks by kind of thread: its request threads (the listeners' network threads and
     * request handlers, {@code data-plane-kafka-*}), the group coordinator, the controller and its Raft log, JIT,
     * GC, and the rest.
     */
    static Map<String, Long> broker(long pid) {
        return threadTicks(
                pid,
                List.of("requests", "group coordinator", "controller", "JIT", "GC", "other"),
                ThreadTicks::brokerKind);
    }

    /** Cores by thread kind between two readings {@code seconds} apart, to the thousandth of a core. */
    static Map<String, Double> coresByKind(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((kind, ticks) -> cores.put(
                kind,
                Math.round(Math.max(0, ticks - before.getOrDefault(kind, 0L))
                                / CpuAccounting.TICKS_PER_SECOND
                                / seconds
                                * 1000)
                        / 1000.0));
        return cores;
    }

    private static Map<String, Long> threadTicks(
            long pid, List<String> kinds, java.util.function.Function<String, String> kindOf) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String k : kinds) {
            ticks.put(k, 0L);
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String line = Files.readString(t.resolve("stat"));
                    String comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    ticks.merge(kindOf.apply(comm), used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return ticks;
    }

    /** The kind of a broker thread by its name (cut to 15 characters). */
    static String brokerKind(String comm) {
        if (comm.startsWith("data-plane-kafk")) {
            return "requests";
        }
        if (comm.startsWith("group-coordinat")) {
            return "group coordinator";
        }
        if (comm.startsWith("quorum-control")
                || comm.startsWith("kafka-") && comm.contains("raft")
                || comm.startsWith("controller-")) {
            return "controller";
        }
        String jvm = kind(comm);
        return jvm.equals("JIT") || jvm.equals("GC") ? jvm : "other";
    }

    static String kind(String comm) {
        if (comm.startsWith("C2 Compiler") || comm.startsWith("C1 Compiler")) {
            return "JIT";
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "GC";
        }
        if (comm.startsWith("vert.x-eventloo")) {
            return "event loops";
        }
        if (comm.startsWith("kafka")
                || comm.startsWith("smallrye-kafka")
                || comm.startsWith("projection-")
                || comm.startsWith("outbox-relay")) {
            return "kafka";
        }
        if (comm.startsWith("executor-thread") || comm.startsWith("vert.x-worker")) {
            return "worker";
        }
        return "other";
    }
}
