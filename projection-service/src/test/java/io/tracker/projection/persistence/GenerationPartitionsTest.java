package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Pools;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * V8 on a database of its own (in the tests' PostgreSQL): a schema at V7 holding rows of two generations (one
 * retired, one active) in every generation-keyed table is moved to the partitioned tables; the rows stay readable;
 * a new generation gets partitions of its own (its rows land there, duplicates are still refused, the parents'
 * statistics targets copied); the purge
 * deletes the retired generation's rows from the default partitions, drops a failed generation's partitions, and
 * leaves the active generation whole.
 */
@QuarkusTest
class GenerationPartitionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] TABLES = {
        "fact", "investment_link", "agreement_summary", "agreement_fact", "applied_position"
    };

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    Vertx vertx;

    @Test
    void v8MovesAnExistingDatabaseAndThePurgeDropsPartitions() throws SQLException {
        String database = "v8_move_" + System.nanoTime();
        String url = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + database;
        execute(jdbcUrl, "create database " + database);
        Pool pool = null;
        try {
            migrate(url, "7");
            execute(url, "update projection_generation set state = 'RETIRED', retired_at = now() - interval '1 hour'");
            execute(url, "insert into projection_generation (generation, state, group_id) values (2, 'ACTIVE', 'g2')");
            for (int g = 1; g <= 2; g++) {
                insertRows(url, g, "n" + g);
            }

            migrate(url, null);

            for (String table : TABLES) {
                assertEquals(
                        1,
                        count(url, "select count(*) from pg_class where relname = '" + table + "' and relkind = 'p'"),
                        table + " partitioned");
                assertEquals(1, count(url, "select count(*) from " + table + " where generation = 1"), table);
                assertEquals(1, count(url, "select count(*) from " + table + " where generation = 2"), table);
                assertEquals(2, count(url, "select count(*) from " + table + "_upto"), table + " default partition");
            }
            assertEquals(
                    1,
                    count(
                            url,
                            "select count(*) from fact where generation = 2 and stream_id = 'n2'"
                                    + " and payload ->> 'k' = 'v'"),
                    "the active generation's fact readable");

            pool = pool(database);
            GenerationStore store = new GenerationStore(pool, new GenerationPartitions(pool));
            GenerationStore.Generation building =
                    store.createBuilding("rebuild-").await().atMost(WAIT);
            assertEquals(3, building.generation());
            assertThrows(
                    GenerationStore.RebuildRunningException.class,
                    () -> store.createBuilding("rebuild-").await().atMost(WAIT));
            insertRows(url, 3, "n3");
            for (String table : TABLES) {
                assertEquals(1, count(url, "select count(*) from " + table + "_g3"), table + " partition of 3");
                assertEquals(2, count(url, "select count(*) from " + table + "_upto"), table + " default unchanged");
            }
            assertThrows(SQLException.class, () -> insertRows(url, 3, "n3"), "the partition's keys refuse a copy");
            assertEquals(
                    2,
                    count(
                            url,
                            "select count(*) from pg_attribute where attstattarget = 0 and ((attrelid = 'fact_g3'::regclass"
                                    + " and attname = 'payload') or (attrelid = 'agreement_summary_g3'::regclass"
                                    + " and attname = 'state'))"),
                    "no statistics for the payloads and states of the new partitions, as for their parents'");

            store.fail(3, "test").await().atMost(WAIT);
            long purged = store.purge(Duration.ZERO).await().atMost(WAIT);

            assertEquals(2, purged, "fact rows of generations 1 (deleted) and 3 (dropped)");
            for (String table : TABLES) {
                assertEquals(0, count(url, "select count(*) from pg_class where relname = '" + table + "_g3'"));
                assertEquals(0, count(url, "select count(*) from " + table + " where generation in (1, 3)"), table);
                assertEquals(1, count(url, "select count(*) from " + table + " where generation = 2"), table);
            }
            assertEquals(0, (long) store.purge(Duration.ZERO).await().atMost(WAIT), "nothing left to purge");
        } finally {
            if (pool != null) {
                pool.closeAndAwait();
            }
            execute(jdbcUrl, "drop database if exists " + database + " with (force)");
        }
    }

    private void migrate(String url, String target) {
        var flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/projection");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private Pool pool(String database) {
        return Pools.of(vertx, jdbcUrl, user, password, database, 0);
    }

    /** One row per generation-keyed table for generation {@code g}, stream {@code id}. */
    private void insertRows(String url, int g, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into fact (generation, stream_type, stream_id, stream_version, event_id, event_type,"
                    + " schema_version, recorded_at, source_topic, source_partition, source_offset, payload) values ("
                    + g + ", 'negotiation', '" + id + "', 1, gen_random_uuid(), 'NegotiationOpened', 1, now(), 't',"
                    + " 0, " + g + ", '{\"k\": \"v\"}')");
            s.execute("insert into investment_link values (" + g + ", '" + id + "', 'i" + g + "')");
            s.execute("insert into agreement_summary (generation, negotiation_id, last_version) values (" + g + ", '"
                    + id + "', 1)");
            s.execute("insert into agreement_fact (generation, negotiation_id, stream_version, event_type, date_text,"
                    + " date_precision, date_earliest, date_latest, fact_status) values (" + g + ", '" + id
                    + "', 1, 'NegotiationOpened', '2024', 'YEAR', '2024-01-01', '2024-12-31', 'OCCURRED')");
            s.execute("insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)"
                    + " values (" + g + ", 'g', 't', 0, 1)");
            c.commit();
        }
    }

    private void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
