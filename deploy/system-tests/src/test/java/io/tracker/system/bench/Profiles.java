package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles of a phase ({@code -Dbench.profile=true}): the part of each service's JFR recording (started with the
 * JVM, settings "profile") covering the phase, summarised as the hottest methods (self and inclusive), and samples
 * of PostgreSQL's {@code pg_stat_activity} (what the server's backends are doing or waiting for, by statement).
 */
final class Profiles {
    private Profiles() {}

    /**
     * The part {@code begin}..{@code end} of the recording the service runs from its start (started with the JVM,
     * so that switching it on does not make the JIT recompile in the middle of a phase).
     */
    static void jfrDump(long pid, Path file, java.time.Instant begin, java.time.Instant end)
            throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        jcmd(pid, "JFR.dump", "name=bench", "begin=" + begin, "end=" + end, "filename=" + file);
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(BenchSystem.jcmd(), Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + cmd + ": " + out);
        }
    }

    /**
     * Hottest methods of a recording between {@code begin} and {@code end}, as text. A dump holds the whole chunks
     * that overlap its window, so the events outside it (e.g. the start-up's, for the first phases) are left out
     * here.
     */
    static String summarize(Path jfr, int top, java.time.Instant begin, java.time.Instant end) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        long samples = 0;
        long gcPauseNanos = 0;
        long gcs = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getStartTime().isBefore(begin) || e.getStartTime().isAfter(end)) {
                continue;
            }
            String type = e.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                gcs++;
                gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            threads.merge(
                    thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-"),
                    1,
                    Integer::sum);
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            packages.merge(pkg(frames.get(0)), 1, Integer::sum);
            Set<String> once = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (once.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("execution samples: ")
                .append(samples)
                .append("; GCs: ")
                .append(gcs)
                .append(", pauses total ")
                .append(gcPauseNanos / 1_000_000)
                .append(" ms\n");
        b.append("\n-- threads (share of samples)\n").append(table(threads, samples, top));
        b.append("\n-- self time by package of the top frame\n").append(table(packages, samples, top));
        b.append("\n-- self time (top frame)\n").append(table(self, samples, top));
        b.append("\n-- inclusive (on the stack), io.tracker frames\n")
                .append(table(filter(inclusive, "io.tracker."), samples, top));
        b.append("\n-- inclusive (on the stack), all frames\n").append(table(inclusive, samples, top * 2));
        return b.toString();
    }

    private static Map<String, Integer> filter(Map<String, Integer> m, String prefix) {
        return m.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String table(Map<String, Integer> counts, long total, int top) {
        StringBuilder b = new StringBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> b.append(
                        String.format("%6.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
        return b.toString();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String pkg(RecordedFrame f) {
        String t = f.getMethod().getType().getName();
        String[] parts = t.split("\\.");
        return parts.length <= 3 ? t : String.join(".", parts[0], parts[1], parts[2]);
    }

    /** Samples pg_stat_activity every {@code everyMillis} ms on a thread of its own until stopped. */
    static final class PgActivity implements AutoCloseable {
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final Map<String, Integer> queries = new LinkedHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final BenchSystem system;
        private int rounds;
        private String statements = "";

        PgActivity(BenchSystem system, long everyMillis) {
            this.system = system;
            resetStatements();
            thread = new Thread(
                    () -> {
                        try (Connection c = system.jdbc("postgres");
                                Statement s = c.createStatement()) {
                            while (running.get()) {
                                try (ResultSet rs =
                                        s.executeQuery("select datname, state, coalesce(wait_event_type, 'CPU') || ':'"
                                                + " || coalesce(wait_event, '-') as w, regexp_replace(left(query, 70), '\\s+', ' ', 'g')"
                                                + " from pg_stat_activity where backend_type = 'client backend'"
                                                + " and pid <> pg_backend_pid() and state <> 'idle'")) {
                                    synchronized (counts) {
                                        rounds++;
                                        while (rs.next()) {
                                            counts.merge(
                                                    rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3),
                                                    1,
                                                    Integer::sum);
                                            queries.merge(
                                                    rs.getString(1) + " | " + rs.getString(3) + " | " + rs.getString(4),
                                                    1,
                                                    Integer::sum);
                                        }
                                    }
                                }
                                Thread.sleep(everyMillis);
                            }
                        } catch (SQLException | InterruptedException e) {
                            // stop
                        }
                    },
                    "pg-activity");
            thread.setDaemon(true);
            thread.start();
        }

        /** Average number of backends per (database, state, wait event) over the samples. */
        String summary() {
            synchronized (counts) {
                StringBuilder b = new StringBuilder("pg_stat_activity samples: " + rounds
                        + " (average non-idle client backends per database | state | wait event; CPU = not waiting)\n");
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(30)
                        .forEach(e -> b.append(
                                String.format("%7.2f  %s%n", e.getValue() / (double) Math.max(1, rounds), e.getKey())));
                b.append("\nby statement (database | wait | the statement's first 70 characters; 'idle in transaction'"
                        + " shows the last statement)\n");
                queries.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(40)
                        .forEach(e -> b.append(
                                String.format("%7.2f  %s%n", e.getValue() / (double) Math.max(1, rounds), e.getKey())));
                return b.append(statements).toString();
            }
        }

        /** Starts the phase's statement statistics afresh (when PostgreSQL runs with pg_stat_statements). */
        private void resetStatements() {
            try (Connection c = system.jdbc("postgres");
                    Statement s = c.createStatement()) {
                s.execute("select pg_stat_statements_reset()");
            } catch (SQLException e) {
                statements = "\npg_stat_statements: not available (" + e.getMessage() + ")\n";
            }
        }

        /**
         * The phase's statements by execution time, per database (pg_stat_statements: time inside the executor, the
         * commit's WAL flush not included), with their share of all statements' time, calls, rows and planning time
         * per call (track_planning: a statement planned again at every execution shows it there).
         */
        private String readStatements() {
            StringBuilder b =
                    new StringBuilder("\npg_stat_statements over the phase: share of all statements' execution"
                            + " time | total ms | calls | ms per call | rows per call | planning ms per call | plans | database"
                            + " | statement (first 110 characters)\n");
            try (Connection c = system.jdbc("postgres");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select d.datname, s.calls, s.total_exec_time, s.rows,"
                            + " regexp_replace(left(s.query, 110), '\\s+', ' ', 'g'),"
                            + " sum(s.total_exec_time) over (), s.total_plan_time, s.plans"
                            + " from pg_stat_statements s join pg_database d on d.oid = s.dbid"
                            + " where d.datname <> 'postgres' order by s.total_exec_time desc limit 40")) {
                while (rs.next()) {
                    long calls = rs.getLong(2);
                    double total = rs.getDouble(3);
                    b.append(String.format(
                            "%5.1f%%  %9.0f  %8d  %7.3f  %6.1f  %7.3f  %8d  %-11s  %s%n",
                            100.0 * total / Math.max(1e-9, rs.getDouble(6)),
                            total,
                            calls,
                            total / Math.max(1, calls),
                            rs.getLong(4) / (double) Math.max(1, calls),
                            rs.getDouble(7) / Math.max(1, calls),
                            rs.getLong(8),
                            rs.getString(1),
                            rs.getString(5)));
                }
            } catch (SQLException e) {
                return statements;
            }
            return b.toString();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (statements.isEmpty()) {
                String read = readStatements();
                synchronized (counts) {
                    statements = read;
                }
            }
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
