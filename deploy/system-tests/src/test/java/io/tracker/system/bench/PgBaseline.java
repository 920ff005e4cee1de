package io.tracker.system.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw baseline: pgbench against the same PostgreSQL server, in a database of its own ({@code bench_raw})
 * with es-core's own event-store schema (its Flyway migration), with custom scripts of the event + outbox
 * insert shape. Falls back to an equivalent JDBC loop when no pgbench binary is found.
 */
final class PgBaseline {
    static final String DATABASE = "bench_raw";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    /** One pgbench run: tps = transactions/s, events/s = tps × events per transaction. */
    record Run(
            String name,
            String description,
            int clients,
            int seconds,
            boolean durable,
            int eventsPerTx,
            double tps,
            double latencyAvgMs,
            String tool) {
        double eventsPerSecond() {
            return tps * eventsPerTx;
        }
    }

    private final BenchSystem system;
    private final Path work;
    private final String pgbench;
    final List<Run> runs = new ArrayList<>();

    PgBaseline(BenchSystem system) throws IOException {
        this.system = system;
        this.work = system.dir.resolve("pgbench");
        Files.createDirectories(work);
        this.pgbench = findPgbench();
    }

    String tool() {
        return pgbench == null ? "JDBC loop (no pgbench found)" : pgbench + " (" + version() + ")";
    }

    /** Creates bench_raw with es-core's event-store schema and the streams the es-core-shape script uses. */
    void prepare(int coreClients, int streamsPerClient) throws SQLException, IOException {
        try (Connection c = system.jdbc("postgres");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE);
        }
        String ddl = Files.readString(
                BenchSystem.ROOT.resolve("es-core/src/main/resources/db/eventstore/V1__event_store.sql"));
        try (Connection c = system.jdbc(DATABASE);
                Statement s = c.createStatement()) {
            s.execute(ddl);
            s.execute("insert into es_streams (stream_id, stream_type, version)"
                    + " select 'core-' || c || '-' || k, 'negotiation', 0 from generate_series(0, " + (coreClients - 1)
                    + ") c, generate_series(1, " + streamsPerClient + ") k");
        }
    }

    /**
     * pgbench scripts. {@code payload}: a real event payload from the negotiation store (jsonb text: no ":name"
     * sequences that pgbench would take for variables).
     */
    void writeScripts(String payload, int streamsPerClient) throws IOException {
        String p = payload.replace("'", "''");
        String cols = "stream_id, stream_type, version, event_id, event_type, schema_version, payload, occurred_on,"
                + " correlation_id, causation_id, actor";
        // the naive design: one transaction per event, the event row then its outbox row
        Files.writeString(work.resolve("raw.sql"), """
                \\set v random(1, 9000000000000000000)
                BEGIN;
                INSERT INTO es_events (%s) VALUES ('raw-' || :client_id, 'negotiation', :v, gen_random_uuid(), 'LeadersMet', 1, '%s', '2025-10-late', 'bench', 'bench', 'bench') RETURNING global_position \\gset
                INSERT INTO es_outbox (global_position, topic) VALUES (:global_position, 'tracker.negotiation.events');
                END;
                """.formatted(cols, p));
        // the same rows, 100 events per transaction
        Files.writeString(work.resolve("batch100.sql"), """
                \\set v random(1, 9000000000000000000)
                BEGIN;
                WITH ins AS (INSERT INTO es_events (%s) SELECT 'batch-' || :client_id, 'negotiation', :v::bigint + g, gen_random_uuid(), 'LeadersMet', 1, '%s', '2025-10-late', 'bench', 'bench', 'bench' FROM generate_series(1, 100) g RETURNING global_position)
                INSERT INTO es_outbox (global_position, topic) SELECT global_position, 'tracker.negotiation.events' FROM ins;
                END;
                """.formatted(cols, p));
        // what es-core does in the database for one command with one event: read the events after the version it
        // keeps folded (none, when it wrote the stream last), then the append as one statement (version claim,
        // event, outbox row); the relay's wake-up NOTIFY is coalesced across commands, so not one per command
        Files.writeString(work.resolve("escore.sql"), """
                \\set k random(1, %d)
                SELECT version FROM es_streams WHERE stream_id = 'core-' || :client_id || '-' || :k \\gset
                SELECT global_position, transaction_id::text, stream_id, version, event_id, event_type, payload::text, recorded_at FROM es_events WHERE stream_id = 'core-' || :client_id || '-' || :k AND version > :version ORDER BY version;
                WITH claim AS (UPDATE es_streams SET version = version + 1, updated_at = now() WHERE stream_id = 'core-' || :client_id || '-' || :k AND version = :version RETURNING version - 1 AS base), ins AS (INSERT INTO es_events (%s) SELECT 'core-' || :client_id || '-' || :k, 'negotiation', claim.base + 1, gen_random_uuid(), 'LeadersMet', 1, '%s', '2025-10-late', 'bench', 'bench', 'bench' FROM claim RETURNING global_position, event_id, version, event_type), outbox AS (INSERT INTO es_outbox (global_position, topic) SELECT global_position, 'tracker.negotiation.events' FROM ins) SELECT global_position, event_id, version, event_type FROM ins;
                """.formatted(streamsPerClient, cols, p));
        // es-core's first shape, for comparison: the whole stream read back, then BEGIN, the version claim, the
        // insert with a pg_notify inside the transaction, COMMIT
        Files.writeString(work.resolve("escore-v1.sql"), """
                \\set k random(1, %d)
                SELECT global_position, transaction_id::text, stream_id, version, event_id, event_type, payload::text, recorded_at FROM es_events WHERE stream_id = 'core-' || :client_id || '-' || :k ORDER BY version;
                SELECT version FROM es_streams WHERE stream_id = 'core-' || :client_id || '-' || :k \\gset
                BEGIN;
                UPDATE es_streams SET version = version + 1, updated_at = now() WHERE stream_id = 'core-' || :client_id || '-' || :k AND version = :version;
                WITH ins AS (INSERT INTO es_events (%s) VALUES ('core-' || :client_id || '-' || :k, 'negotiation', :version::bigint + 1, gen_random_uuid(), 'LeadersMet', 1, '%s', '2025-10-late', 'bench', 'bench', 'bench') RETURNING global_position, event_id, version, event_type), outbox AS (INSERT INTO es_outbox (global_position, topic) SELECT global_position, 'tracker.negotiation.events' FROM ins) SELECT global_position, event_id, version, event_type, pg_notify('bench_outbox', '') FROM ins;
                END;
                """.formatted(streamsPerClient, cols, p));
    }

    Run run(String name, String description, String script, int clients, int seconds, boolean durable, int eventsPerTx)
            throws IOException, InterruptedException, SQLException {
        Run r = pgbench == null
                ? jdbc(name, description, script, clients, seconds, durable, eventsPerTx)
                : pgbench(name, description, script, clients, seconds, durable, eventsPerTx);
        runs.add(r);
        return r;
    }

    private Run pgbench(
            String name, String description, String script, int clients, int seconds, boolean durable, int eventsPerTx)
            throws IOException, InterruptedException {
        Path log = work.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                        pgbench,
                        "-n",
                        "-M",
                        "prepared",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(system.pgPort),
                        "-U",
                        "postgres",
                        "-c",
                        Integer.toString(clients),
                        "-j",
                        Integer.toString(Math.min(clients, 2)),
                        "-T",
                        Integer.toString(seconds),
                        "-f",
                        work.resolve(script).toString(),
                        DATABASE)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PGPASSWORD", "postgres");
        Process p = pb.start();
        if (!p.waitFor(seconds + 120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pgbench " + name + " did not finish");
        }
        String out = Files.readString(log);
        Matcher tps = TPS.matcher(out);
        if (p.exitValue() != 0 || !tps.find()) {
            throw new IllegalStateException("pgbench " + name + " failed: " + out);
        }
        Matcher lat = LATENCY.matcher(out);
        return new Run(
                name,
                description,
                clients,
                seconds,
                durable,
                eventsPerTx,
                Double.parseDouble(tps.group(1)),
                lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN,
                "pgbench");
    }

    /** The JDBC equivalent of raw.sql / batch100.sql when pgbench is missing (es-core shape: not measured). */
    private Run jdbc(
            String name, String description, String script, int clients, int seconds, boolean durable, int eventsPerTx)
            throws SQLException, InterruptedException {
        if (!script.equals("raw.sql") && !script.equals("batch100.sql")) {
            return new Run(
                    name,
                    description + " (not measured: no pgbench)",
                    clients,
                    seconds,
                    durable,
                    eventsPerTx,
                    Double.NaN,
                    Double.NaN,
                    "none");
        }
        AtomicLong tx = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        List<SQLException> errors = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> {
                try (Connection c = system.jdbc(DATABASE)) {
                    c.setAutoCommit(false);
                    PreparedStatement ev = c.prepareStatement("insert into es_events (stream_id, stream_type, version,"
                            + " event_id, event_type, schema_version, payload, occurred_on, correlation_id, causation_id, actor)"
                            + " values (?, 'negotiation', ?, gen_random_uuid(), 'LeadersMet', 1, '{}'::jsonb, '2025-10-late',"
                            + " 'bench', 'bench', 'bench') returning global_position");
                    PreparedStatement ob = c.prepareStatement(
                            "insert into es_outbox (global_position, topic) values (?, 'tracker.negotiation.events')");
                    long v = 0;
                    while (System.nanoTime() < end) {
                        for (int e = 0; e < eventsPerTx; e++) {
                            ev.setString(1, "jdbc-" + client);
                            ev.setLong(2, ++v);
                            try (ResultSet rs = ev.executeQuery()) {
                                rs.next();
                                ob.setLong(1, rs.getLong(1));
                            }
                            ob.executeUpdate();
                        }
                        c.commit();
                        tx.incrementAndGet();
                    }
                } catch (SQLException e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return new Run(
                name,
                description,
                clients,
                seconds,
                durable,
                eventsPerTx,
                tx.get() / (double) seconds,
                Double.NaN,
                "JDBC");
    }

    private static String findPgbench() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                candidates.add(Path.of(d, "pgbench"));
            }
        }
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            dirs.sorted(java.util.Comparator.reverseOrder()).forEach(d -> candidates.add(d.resolve("bin/pgbench")));
        } catch (IOException e) {
            // none
        }
        return candidates.stream()
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
    }

    private String version() {
        try {
            Process p = new ProcessBuilder(pgbench, "--version")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return v;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
