package io.tracker.system.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the parts of one benchmark run share: the profile, the report, the system, the CPU accounting, the top-level
 * figures and the report's tables being filled, and the run's settings ({@code bench.profile},
 * {@code bench.jitSettledCores}, the services' JVM options).
 */
record BenchRun(
        BenchProfile p,
        BenchReport report,
        BenchSystem sys,
        CpuAccounting cpu,
        TopLevel top,
        BenchTables tables,
        boolean profile,
        double jitSettledCores,
        Supplier<List<String>> jvmArgs) {

    int clients() {
        return p.clients();
    }

    long count(String database, String sql) {
        try (Connection c = sys.jdbc(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }
}
