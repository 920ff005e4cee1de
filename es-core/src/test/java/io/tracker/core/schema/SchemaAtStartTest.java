package io.tracker.core.schema;

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

/**
 * With the real PostgreSQL: a start on a current schema asks the history table and does not run Flyway's
 * migrate (counted by a Flyway callback, {@link MigrateCounter}); a schema that lacks a migration is migrated.
 */
@QuarkusTest
class SchemaAtStartTest {

    @Inject
    SchemaAtStart schema;

    @Inject
    DataSource dataSource;

    @Test
    void theStartLeftTheSchemaCurrent() {
        assertTrue(schema.outcome() == SchemaAtStart.Outcome.CURRENT
                || schema.outcome() == SchemaAtStart.Outcome.MIGRATED, "outcome " + schema.outcome());
    }

    @Test
    void aCurrentSchemaDoesNotRunFlywaysMigrate() throws SQLException {
        int before = MigrateCounter.MIGRATES.get();

        assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());

        assertEquals(before, MigrateCounter.MIGRATES.get(), "Flyway's migrate ran on a current schema");
    }

    @Test
    void aSchemaBehindIsMigrated() throws SQLException {
        // the database as it was before V12: the history row and the column it added are gone
        execute("alter table es_events drop column traceparent");
        execute("delete from flyway_schema_history where version = '12'");
        int before = MigrateCounter.MIGRATES.get();

        assertEquals(SchemaAtStart.Outcome.MIGRATED, schema.ensureCurrent());

        assertEquals(before + 1, MigrateCounter.MIGRATES.get());
        assertEquals(1, count("select count(*) from flyway_schema_history where version = '12' and success"));
        assertEquals(1, count("select count(*) from information_schema.columns"
                + " where table_name = 'es_events' and column_name = 'traceparent'"));
        assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
