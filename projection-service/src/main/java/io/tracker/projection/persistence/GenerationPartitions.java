package io.tracker.projection.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * A generation's partitions of the generation-keyed tables (V8): {@code <table>_g<generation>}, attached before the
 * generation gets a row, analyzed once a rebuild filled them, dropped when it is purged. The generations older than V8
 * live in each table's DEFAULT partition ({@code <table>_upto}), where they stay; their rows are deleted at purge.
 * Each table's partition is attached or dropped in its own transaction (one parent's lock at a time, never waiting for
 * a second one while holding the first), under a lock timeout of 3 s (a long query does not queue every other one
 * behind the DDL for longer), tried 3 times.
 */
@ApplicationScoped
public class GenerationPartitions {
    /** The partitioned tables, in the order their partitions are attached and dropped. */
    public static final List<String> TABLES =
            List.of("fact", "investment_link", "agreement_summary", "agreement_fact", "applied_position");

    /**
     * The tables a LOADING generation COPYs into before they are its partitions ({@link #prepareLoad}): the facts and
     * links batch by batch, the agreement states the load folded at its end; its other partition (the positions) is
     * attached empty when the load ends ({@link #attach}).
     */
    public static final List<String> LOADED_TABLES =
            List.of("fact", "investment_link", "agreement_summary", "agreement_fact");

    /** How long a DDL statement waits for its locks (queries queue behind it meanwhile), and how often it tries. */
    private static final String LOCK_TIMEOUT = "set local lock_timeout = '3s'";

    private static final int ATTEMPTS = 3;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Pool pool;

    GenerationPartitions(Pool pool) {
        this.pool = pool;
    }

    /** One DDL statement in a transaction of its own, under the lock timeout, tried again when it timed out. */
    private Uni<Void> ddl(String sql) {
        return pool.withTransaction(conn -> conn.query(LOCK_TIMEOUT).execute().chain(() -> conn.query(sql)
                        .execute()))
                .onFailure(GenerationPartitions::lockTimeout)
                .retry()
                .withBackOff(Duration.ofMillis(200))
                .atMost(ATTEMPTS - 1)
                .replaceWithVoid();
    }

    private static boolean lockTimeout(Throwable e) {
        return e instanceof PgException p && LOCK_NOT_AVAILABLE.equals(p.getSqlState());
    }

    /** The partition of {@code table} for {@code generation} (a table name; TABLES' names only). */
    public static String partition(String table, int generation) {
        return table + "_g" + generation;
    }

    /** Attaches the generation's partition of every table (those attached already are left as they are). */
    public Uni<Void> attach(int generation) {
        return Multi.createFrom()
                .iterable(TABLES)
                .onItem()
                .transformToUniAndConcatenate(
                        table -> ddl("select projection_attach_generation('" + table + "', " + generation + ")"))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * The standalone tables a LOADING generation's rows are COPYed into (V9's {@code projection_load_table}: no index,
     * a CHECK on the generation), created empty: those of a load that restarted are dropped first, and one attached
     * already (a generation number whose creation failed earlier) is dropped too.
     */
    public Uni<Void> prepareLoad(int generation) {
        return Multi.createFrom()
                .iterable(LOADED_TABLES)
                .onItem()
                .transformToUniAndConcatenate(table -> ddl("drop table if exists " + partition(table, generation))
                        .chain(() -> ddl("select projection_load_table('" + table + "', " + generation + ")")))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * Builds the parent's keys and indexes on the loaded tables (V9's {@code projection_index_loaded}; no parent's
     * lock: they are not partitions yet), then analyzes them (the queries of the replay that follows plan on them):
     * each table on a connection of its own, at once (the small tables are done while the facts' indexes are built),
     * and it ends once all have ended, failed if one failed (the function skips what a first attempt built already).
     * A duplicate key fails it.
     */
    public Uni<Void> indexLoaded(int generation) {
        List<Uni<Void>> tables = new ArrayList<>();
        for (String table : LOADED_TABLES) {
            tables.add(pool.query("select projection_index_loaded('" + table + "', " + generation + ")")
                    .execute()
                    .chain(() -> pool.query("analyze " + partition(table, generation))
                            .execute())
                    .replaceWithVoid());
        }
        return Uni.join().all(tables).andCollectFailures().replaceWithVoid();
    }

    /**
     * Drops the generation's partitions; returns the number of fact rows they held (0 when it has none: a generation
     * of the default partition, or dropped already).
     */
    public Uni<Long> drop(int generation) {
        String facts = partition("fact", generation);
        return pool.preparedQuery("select to_regclass($1) is not null")
                .execute(Tuple.of(facts))
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? pool.query("select count(*) from " + facts)
                                .execute()
                                .map(counted -> counted.iterator().next().getLong(0))
                        : Uni.createFrom().item(0L))
                .call(() -> Multi.createFrom()
                        .iterable(TABLES)
                        .onItem()
                        .transformToUniAndConcatenate(
                                table -> ddl("drop table if exists " + partition(table, generation)))
                        .collect()
                        .last());
    }

    /**
     * Deletes the rows of the generations {@code old} kept in the default partitions ({@code <table>_upto}: generations
     * older than V8), in one transaction; returns the number of fact rows deleted.
     */
    public Uni<Long> deleteFromDefault(List<Integer> old) {
        Tuple generations = Tuple.of(old.toArray(Integer[]::new));
        return pool.withTransaction(conn -> Multi.createFrom()
                .iterable(TABLES)
                .onItem()
                .transformToUniAndConcatenate(
                        table -> conn.preparedQuery("delete from " + table + "_upto where generation = any($1)")
                                .execute(generations)
                                .map(rows -> table.equals("fact") ? (long) rows.rowCount() : 0L))
                .collect()
                .with(Collectors.summingLong(Long::longValue)));
    }

    /**
     * Fresh planner statistics for the generation's partitions only (the live generation's are autovacuum's), each
     * table on a connection of its own, at once; the parents when the generation has no partitions of its own (one of
     * the default partition).
     */
    public Uni<Void> analyze(int generation) {
        List<String> names = new ArrayList<>();
        TABLES.forEach(t -> names.add(partition(t, generation)));
        return pool.preparedQuery("select t from unnest($1::text[]) t where to_regclass(t) is not null")
                .execute(Tuple.of(names.toArray(String[]::new)))
                .chain(rows -> {
                    List<String> present = new ArrayList<>();
                    for (Row row : rows) {
                        present.add(row.getString(0));
                    }
                    List<String> analyzed = present.size() == TABLES.size() ? present : TABLES;
                    // one connection per table: the small ones are done while the facts are sampled
                    return Multi.createFrom()
                            .iterable(analyzed)
                            .onItem()
                            .transformToUniAndMerge(
                                    table -> pool.query("analyze " + table).execute())
                            .collect()
                            .last();
                })
                .replaceWithVoid();
    }
}
