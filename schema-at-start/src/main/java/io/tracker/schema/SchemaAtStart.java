package io.tracker.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Migrations off the start-up path: with {@code quarkus.flyway.migrate-at-start=false}, this runs first at start
 * and asks the database one question (the versions in Flyway's history table); Flyway's migrate (its lock, its
 * validation of every file) runs only when a migration on the classpath is missing there.
 * {@code tracker.schema.migrate-at-start}: {@code when-behind} (the default), {@code always} (Flyway's migrate on
 * every start, as before), {@code never} (a separate step migrates: the Kubernetes migration Job).
 */
@ApplicationScoped
public class SchemaAtStart {

    /** What the start did with the schema. */
    public enum Outcome {
        NOT_RUN,
        CURRENT,
        MIGRATED,
        SKIPPED_BY_CONFIG
    }

    /** The choice of {@code tracker.schema.migrate-at-start}. */
    public enum Mode {
        WHEN_BEHIND,
        ALWAYS,
        NEVER
    }

    private static final Logger LOG = Logger.getLogger(SchemaAtStart.class);

    private final Instance<Flyway> flyway;
    private final Instance<DataSource> dataSource;
    private final Mode mode;
    private volatile Outcome outcome = Outcome.NOT_RUN;

    SchemaAtStart(
            Instance<Flyway> flyway,
            Instance<DataSource> dataSource,
            @ConfigProperty(name = "tracker.schema.migrate-at-start", defaultValue = "when-behind") Mode mode) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.mode = mode;
    }

    // before every other start-up observer: they may read or write the schema
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws SQLException {
        if (flyway.isResolvable()) {
            ensureCurrent();
        }
    }

    /** Brings the schema to the classpath's migrations as the mode says; returns (and keeps) what it did. */
    public Outcome ensureCurrent() throws SQLException {
        outcome = switch (mode) {
            case NEVER -> Outcome.SKIPPED_BY_CONFIG;
            case ALWAYS -> migrate("tracker.schema.migrate-at-start=always");
            case WHEN_BEHIND -> migrateWhenBehind();
        };
        return outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    private Outcome migrateWhenBehind() throws SQLException {
        Configuration config = flyway.get().getConfiguration();
        ResourceProvider resources = config.getResourceProvider();
        if (resources == null) {
            return migrate("the migrations on the classpath are not listed");
        }
        Collection<String> files = new ArrayList<>();
        for (LoadableResource r : resources.getResources("", config.getSqlMigrationSuffixes())) {
            files.add(r.getFilename());
        }
        Optional<List<String>> missing = PendingMigrations.of(files, appliedVersions(config));
        if (missing.isEmpty()) {
            return migrate("a migration that is not a plain versioned one is on the classpath");
        }
        if (missing.get().isEmpty()) {
            LOG.infof("schema current (%d migrations applied): Flyway's migrate skipped", files.size());
            return Outcome.CURRENT;
        }
        return migrate("missing migrations " + missing.get());
    }

    private Outcome migrate(String why) {
        LOG.infof("Flyway migrate: %s", why);
        flyway.get().migrate();
        return Outcome.MIGRATED;
    }

    /** The one query: the versions applied successfully; none when the history table is not there yet. */
    private List<String> appliedVersions(Configuration config) throws SQLException {
        String table = config.getDefaultSchema() == null
                ? quote(config.getTable())
                : quote(config.getDefaultSchema()) + "." + quote(config.getTable());
        List<String> versions = new ArrayList<>();
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery("select version from " + table + " where success and version is not null")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) { // undefined_table: a new database
                    return List.of();
                }
                throw e;
            }
        }
        return versions;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
