package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the run is measured on: the commit, the machine (and its load average: waited on until quiet at the start,
 * recorded at the end), and PostgreSQL's settings.
 */
final class MachineFacts {
    private MachineFacts() {}

    static String commit() {
        try {
            Process g = new ProcessBuilder("git", "-C", BenchSystem.ROOT.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String c = new String(g.getInputStream().readAllBytes()).trim();
            Process d = new ProcessBuilder(
                            "git", "-C", BenchSystem.ROOT.toString(), "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true)
                    .start();
            String dirty = new String(d.getInputStream().readAllBytes()).trim();
            return g.waitFor() == 0 && d.waitFor() == 0 ? c + (dirty.isEmpty() ? "" : "-dirty") : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    static void machine(BenchReport report, String when) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put(
                "cpu",
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name"))
                        .findFirst()
                        .map(l -> l.replaceFirst("model name\\s*:\\s*", ""))
                        .orElse("?"));
        m.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        m.put(
                "os",
                Files.readAllLines(Path.of("/etc/os-release")).stream()
                        .filter(l -> l.startsWith("PRETTY_NAME"))
                        .findFirst()
                        .orElse("?"));
        m.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadavgAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        report.put("machine", m);
        report.log("machine: %s", m);
    }

    /**
     * Waits (at most {@code bench.quietWaitSeconds}, default 300) until the 1-minute load average is below
     * {@code bench.quietLoad} (default 0.8): the build that precedes the run, or anything else on the machine,
     * would otherwise be measured too. The load average when measuring starts is recorded either way.
     */
    static void awaitQuiet(BenchReport report, BenchProfile p) throws IOException, InterruptedException {
        double limit = Double.parseDouble(System.getProperty("bench.quietLoad", "0.8"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(p.quietWaitSeconds());
        double load;
        while ((load = Double.parseDouble(
                                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]))
                        >= limit
                && System.nanoTime() < deadline) {
            report.log("waiting for a quiet machine: load average %.2f (want < %.2f)", load, limit);
            Thread.sleep(15_000);
        }
        String l = Files.readString(Path.of("/proc/loadavg")).trim();
        report.putIn("machine", "loadavgWhenMeasuringStarts", l);
        report.log("load average when measuring starts: %s", l);
    }

    static void machineEnd(BenchReport report) {
        try {
            String l = Files.readString(Path.of("/proc/loadavg")).trim();
            report.putIn("machine", "loadavgAtEnd", l);
            report.log("load average at end: %s", l);
        } catch (IOException e) {
            // none
        }
    }

    static void databaseFacts(BenchSystem sys, BenchReport report, String label) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = sys.jdbc("negotiation");
                Statement s = c.createStatement()) {
            for (String setting : List.of(
                    "server_version",
                    "synchronous_commit",
                    "fsync",
                    "wal_sync_method",
                    "commit_delay",
                    "shared_buffers",
                    "max_connections",
                    "wal_level",
                    "full_page_writes",
                    "track_commit_timestamp")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    m.put(setting, rs.getString(1));
                }
            }
        }
        report.putIn("postgres", label, m);
        report.log("postgres (%s): %s", label, m);
    }
}
