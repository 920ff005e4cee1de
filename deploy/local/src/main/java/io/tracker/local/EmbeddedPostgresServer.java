package io.tracker.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (binaries from Maven Central), data kept in {@code dataDir} between runs; durable
 * (fsync and synchronous_commit on), as a production server is.
 */
public final class EmbeddedPostgresServer {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        Ports.requireFree(port, "PostgreSQL", "PG_PORT");
        try {
            Path work = dataDir.resolve("work");
            Files.createDirectories(work);
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir.resolve("data"))
                    .setOverrideWorkingDirectory(work.toFile())
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    // durable: zonky starts the server with fsync and synchronous_commit off, which lets a killed
                    // PostgreSQL lose commits it had acknowledged; the benchmark found durability costs little here
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    /** Creates the database unless it exists; returns its JDBC URL. */
    public String ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database names are lower-case identifiers: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }
}
