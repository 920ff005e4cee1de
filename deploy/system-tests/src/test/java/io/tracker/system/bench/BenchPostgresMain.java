package io.tracker.system.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The benchmark's PostgreSQL: the embedded default's (the same zonky binaries, data layout and settings as
 * deploy/local's {@code EmbeddedPostgresServer}: fsync and {@code synchronous_commit} on) plus
 * {@code track_commit_timestamp=on}, so that the benchmark can read when the projection's transaction that wrote a
 * fact row committed ({@code pg_xact_commit_timestamp(xmin)}): the moment a reader could see it. With
 * {@code PG_DURABLE=false}, for comparison only, fsync and {@code synchronous_commit} off (as zonky starts it unless
 * told otherwise: a commit is answered before it is on disk). Same environment as {@code LocalStackMain}: DATA_DIR,
 * PG_PORT, DATABASES; prints {@code local-stack: READY}. With {@code PG_STAT_STATEMENTS=true} (the benchmark's profile
 * mode) it loads {@code pg_stat_statements}, which {@link Profiles.PgActivity} reads per phase.
 */
public final class BenchPostgresMain {
    private BenchPostgresMain() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(System.getenv("DATA_DIR")).toAbsolutePath().resolve("postgres");
        int port = Integer.parseInt(System.getenv("PG_PORT"));
        String durable = Boolean.parseBoolean(System.getenv().getOrDefault("PG_DURABLE", "true")) ? "on" : "off";
        boolean statements = Boolean.parseBoolean(System.getenv().getOrDefault("PG_STAT_STATEMENTS", "false"));
        Path work = dataDir.resolve("work");
        Files.createDirectories(work);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (statements) {
            // the profile's statement statistics (bench.profile=true only: the extension costs a little per statement)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        EmbeddedPostgres pg = builder.setPort(port)
                .setDataDirectory(dataDir.resolve("data"))
                .setOverrideWorkingDirectory(work.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("track_commit_timestamp", "on")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            if (statements) {
                s.execute("create extension if not exists pg_stat_statements");
            }
            for (String db : System.getenv()
                    .getOrDefault("DATABASES", "negotiation,investment,projection")
                    .split(",")) {
                try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                    if (!rs.next()) {
                        s.execute("create database " + db);
                    }
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("postgres did not stop cleanly: " + e);
            }
            stopped.countDown();
        }));
        System.out.println("local-stack: READY postgres=127.0.0.1:" + port + " (fsync=" + durable
                + ", synchronous_commit=" + durable + ", track_commit_timestamp=on)");
        stopped.await();
    }
}
