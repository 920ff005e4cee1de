package io.tracker.system.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * For comparison only: the embedded default's PostgreSQL (the same zonky binaries and data layout as deploy/local's
 * {@code EmbeddedPostgresServer}) but NOT durable, as zonky starts it unless told otherwise: fsync off and
 * {@code synchronous_commit=off}, so a commit is answered before it is on disk. Same environment as
 * {@code LocalStackMain}: DATA_DIR, PG_PORT, DATABASES; prints {@code local-stack: READY}.
 */
public final class NotDurablePostgresMain {
    private NotDurablePostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(System.getenv("DATA_DIR")).toAbsolutePath().resolve("postgres");
        int port = Integer.parseInt(System.getenv("PG_PORT"));
        Path work = dataDir.resolve("work");
        Files.createDirectories(work);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir.resolve("data"))
                .setOverrideWorkingDirectory(work.toFile())
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : System.getenv().getOrDefault("DATABASES", "negotiation,investment,projection").split(",")) {
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
        System.out.println("local-stack: READY postgres=127.0.0.1:" + port + " (fsync=off, synchronous_commit=off)");
        stopped.await();
    }
}
