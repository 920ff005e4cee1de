package io.tracker.core.store;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.vertx.mutiny.pgclient.PgConnection;

/**
 * A schema of its own on a dedicated connection, with empty copies of the application's tables, for the tests that
 * check what PostgreSQL does with the store's and the relay's statements on tables of realistic size: the
 * application never sees the rows put there, and {@link #close()} drops them. The connection's {@code search_path}
 * is the scratch schema once {@link #use()} ran, so the statements under test read the copies.
 */
public final class ScratchSchema implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PgConnection conn;
    private final String name;

    private ScratchSchema(PgConnection conn, String name) {
        this.conn = conn;
        this.name = name;
    }

    /** A new schema holding an empty copy (columns, defaults, constraints, indexes) of each of {@code tables}. */
    public static ScratchSchema create(DedicatedConnections connections, String... tables) {
        ScratchSchema scratch = new ScratchSchema(
                connections.connect().await().atMost(WAIT),
                "plans_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        scratch.run("create schema " + scratch.name);
        for (String table : tables) {
            scratch.run("create table " + scratch.table(table) + " (like public." + table + " including all)");
        }
        return scratch;
    }

    /** {@code table} in this schema. */
    public String table(String table) {
        return name + "." + table;
    }

    /** Refreshes the planner's statistics of {@code tables} and makes this schema the connection's search path. */
    public void use(String... tables) {
        for (String table : tables) {
            run("analyze " + table(table));
        }
        run("set search_path = " + name);
    }

    public void run(String sql) {
        conn.query(sql).execute().await().atMost(WAIT);
    }

    /** The first column of every row of {@code sql}'s answer, one line each. */
    public String lines(String sql) {
        return StreamSupport.stream(
                        conn.query(sql).execute().await().atMost(WAIT).spliterator(), false)
                .map(r -> String.valueOf(r.getValue(0)))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The plan PostgreSQL uses for {@code sql} prepared with parameter {@code types} (e.g. {@code "text, bigint"}, or
     * empty to let it infer them) once it no longer plans per execution, for the values {@code args}.
     */
    public String genericPlan(String sql, String types, String args) {
        return prepared(sql, types, name -> {
            run("set plan_cache_mode = force_generic_plan");
            return explain(name, args);
        });
    }

    /**
     * The plan PostgreSQL settles on by itself (plan_cache_mode auto): after five plans made for the values it
     * compares the generic plan's cost with theirs and keeps the cheaper kind (EXPLAIN EXECUTE goes through the same
     * choice).
     */
    public String settledPlan(String sql, String types, String args) {
        return prepared(sql, types, name -> {
            String plan = null;
            for (int i = 0; i < 7; i++) {
                plan = explain(name, args);
            }
            return plan;
        });
    }

    private String prepared(String sql, String types, java.util.function.Function<String, String> explained) {
        String statement = "q_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        run("prepare " + statement + (types.isEmpty() ? "" : "(" + types + ")") + " as " + sql);
        try {
            return explained.apply(statement);
        } finally {
            run("reset plan_cache_mode");
            run("deallocate " + statement);
        }
    }

    private String explain(String statement, String args) {
        return lines("explain execute " + statement + "(" + args + ")");
    }

    @Override
    public void close() {
        try {
            run("drop schema " + name + " cascade");
        } finally {
            conn.close().await().atMost(WAIT);
        }
    }
}
