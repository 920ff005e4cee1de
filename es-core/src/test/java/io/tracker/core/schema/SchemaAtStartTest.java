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
import io.tracker.schema.SchemaAtStart;

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
        assertTrue(
                schema.outcome() == SchemaAtStart.Outcome.CURRENT || schema.outcome() == SchemaAtStart.Outcome.MIGRATED,
                "outcome " + schema.outcome());
    }

    @Test
    void aCurrentSchemaDoesNotRunFlywaysMigrate() throws SQLException {
        int before = MigrateCounter.MIGRATES.get();

        assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());

        assertEquals(before, MigrateCounter.MIGRATES.get(), "Flyway's migrate ran on a current schema");
    }

    @Test
    void aSchemaBehindIsMigrated() throws SQLException {
        // the database as it was before the newest migration (V13): its history row and its table are gone (the
        // table is kept aside under another name and put back afterwards, so that the relay's place is not lost)
        execute("alter table es_publication rename to es_publication_kept");
        execute("delete from flyway_schema_history where version = '13'");
        int before = MigrateCounter.MIGRATES.get();
        try {
            assertEquals(SchemaAtStart.Outcome.MIGRATED, schema.ensureCurrent());

            assertEquals(before + 1, MigrateCounter.MIGRATES.get());
            assertEquals(1, count("select count(*) from flyway_schema_history where version = '13' and success"));
            assertEquals(
                    1,
                    count("select count(*) from information_schema.tables" + " where table_name = 'es_publication'"));
            assertEquals(SchemaAtStart.Outcome.CURRENT, schema.ensureCurrent());
        } finally {
            execute("drop table if exists es_publication");
            execute("alter table es_publication_kept rename to es_publication");
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
