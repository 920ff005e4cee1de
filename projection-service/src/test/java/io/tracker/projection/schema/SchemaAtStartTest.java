package io.tracker.projection.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.schema.SchemaAtStart;

/**
 * With the real PostgreSQL: the projection's start asks the history table; on a current schema Flyway's migrate
 * does not run (counted by a Flyway callback, {@link MigrateCounter}); a schema that lacks its latest migration is
 * migrated (V8 and V9 again, on tables V8 partitioned already).
 */
@QuarkusTest
class SchemaAtStartTest {

    @Inject
    SchemaAtStart schema;

    @Inject
    DataSource dataSource;

    @Test
    void aCurrentSchemaDoesNotRunFlywaysMigrate() throws SQLException {
        assertTrue(
                schema.outcome() == SchemaAtStart.Outcome.CURRENT || schema.outcome() == SchemaAtStart.Outcome.MIGRATED,
                "outcome at start " + schema.outcome());
        int before = MigrateCounter.MIGRATES.get();

        assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());

        assertEquals(before, MigrateCounter.MIGRATES.get(), "Flyway's migrate ran on a current schema");
    }

    @Test
    void aSchemaBehindIsMigrated() throws SQLException {
        // the database as it was before V8 (V9 the latest migration): their history rows gone; V8 runs again on tables
        // it moved already (it then only replaces its function), V9 again on its own changes, and the tables stay
        // partitioned with their rows
        execute("delete from flyway_schema_history where version in ('8', '9')");
        execute("insert into agreement_summary (generation, negotiation_id, last_version)"
                + " values (-8, 'schema-at-start', 1)");
        int before = MigrateCounter.MIGRATES.get();
        try {
            assertEquals(SchemaAtStart.Outcome.MIGRATED, schema.ensureCurrent());

            assertEquals(before + 1, MigrateCounter.MIGRATES.get());
            assertEquals(1, count("select count(*) from flyway_schema_history where version = '8' and success"));
            assertEquals(1, count("select count(*) from flyway_schema_history where version = '9' and success"));
            assertEquals(
                    1,
                    count("select count(*) from pg_class where relname = 'agreement_summary' and relkind = 'p'"),
                    "still partitioned");
            assertEquals(
                    1, count("select count(*) from agreement_summary where generation = -8"), "the row is still there");
            assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());
        } finally {
            execute("delete from agreement_summary where generation = -8");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
