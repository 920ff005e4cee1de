package io.tracker.schema;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;

/**
 * Which versioned migrations on the classpath the database has not applied yet: compares the file names Flyway
 * would run (V&lt;version&gt;__&lt;description&gt;.sql) with the versions the history table records as successful.
 * Pure: no database, no Flyway instance. A name that is not a plain versioned migration (a repeatable R__ or an
 * unknown prefix) makes the answer "unknown", so that the caller runs Flyway's own migrate rather than guess.
 */
public final class PendingMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

    private PendingMigrations() {}

    /**
     * @param fileNames the migration files on the classpath (file names or paths)
     * @param applied the versions the history table holds as successfully applied
     * @return the missing versions in order (empty: the schema is current), or empty Optional when a file name is
     *     not a plain versioned migration and only Flyway can tell
     */
    public static Optional<List<String>> of(Collection<String> fileNames, Collection<String> applied) {
        Set<MigrationVersion> done =
                applied.stream().map(MigrationVersion::fromVersion).collect(Collectors.toSet());
        TreeSet<MigrationVersion> missing = new TreeSet<>();
        for (String path : fileNames) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            Matcher m = VERSIONED.matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
            MigrationVersion version = MigrationVersion.fromVersion(m.group(1).replace('_', '.'));
            if (!done.contains(version)) {
                missing.add(version);
            }
        }
        return Optional.of(missing.stream().map(MigrationVersion::getVersion).toList());
    }
}
