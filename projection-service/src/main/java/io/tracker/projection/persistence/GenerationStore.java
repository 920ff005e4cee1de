package io.tracker.projection.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Creates, activates, fails and purges generations of the read models (SQL; reads also via {@link GenerationEntity}). */
@ApplicationScoped
public class GenerationStore {
    private static final String UNIQUE_VIOLATION = "23505";

    /** A generation: its number, state (LOADING, BUILDING, ACTIVE, RETIRED, FAILED) and consumer group. */
    public record Generation(int generation, String state, String groupId) {}

    /** A rebuild is already under way: only one at a time. */
    public static class RebuildRunningException extends RuntimeException {
        public RebuildRunningException(String message) {
            super(message);
        }
    }

    private final Pool pool;
    private final GenerationPartitions partitions;

    GenerationStore(Pool pool, GenerationPartitions partitions) {
        this.pool = pool;
        this.partitions = partitions;
    }

    /**
     * Creates the next generation in state BUILDING, with consumer group {@code groupPrefix + generation}: its
     * partitions first (so that no batch finds the generation without them), then its row.
     */
    public Uni<Generation> createBuilding(String groupPrefix) {
        return create(groupPrefix, "BUILDING", partitions::attach);
    }

    /**
     * Creates the next generation in state LOADING, with consumer group {@code groupPrefix + generation}: only its
     * row (its load makes its tables, {@link GenerationPartitions#prepareLoad}). The live consumers do not write it;
     * {@link #loaded} makes it BUILDING.
     */
    public Uni<Generation> createLoading(String groupPrefix) {
        return create(groupPrefix, "LOADING", next -> Uni.createFrom().voidItem());
    }

    private Uni<Generation> create(
            String groupPrefix, String state, java.util.function.Function<Integer, Uni<Void>> tables) {
        return pool.query("select max(generation) + 1, bool_or(state in ('LOADING', 'BUILDING'))"
                        + " from projection_generation")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getBoolean(1)) {
                        throw new RebuildRunningException("a rebuild is already under way");
                    }
                    return row.getInteger(0);
                })
                .call(next -> tables.apply(next))
                .chain(next -> pool.withTransaction(conn -> conn.preparedQuery("""
                                insert into projection_generation (generation, state, group_id)
                                values ($1, $3, $2)
                                returning generation, state, group_id
                                """)
                        .execute(Tuple.of(next, groupPrefix + next, state))
                        .map(rows -> generation(rows.iterator().next()))))
                .onFailure(e -> e instanceof PgException p && UNIQUE_VIOLATION.equals(p.getSqlState()))
                .transform(e -> new RebuildRunningException("a rebuild is already under way"));
    }

    /**
     * The end of a load: the LOADING generation {@code generation} becomes BUILDING, with what the load did and the
     * rebuild group's positions (the offsets it loaded up to), in one transaction. False when it is no longer
     * LOADING (abandoned meanwhile).
     */
    public Uni<Boolean> loaded(
            int generation,
            String groupId,
            List<PartitionPosition> positions,
            long eventsApplied,
            long transactions,
            long poisonSkipped) {
        return pool.withTransaction(conn -> conn.preparedQuery("update projection_generation set state = 'BUILDING',"
                        + " events_applied = $2, transactions = $3, poison_skipped = $4"
                        + " where generation = $1 and state = 'LOADING'")
                .execute(Tuple.of(generation, eventsApplied, transactions, poisonSkipped))
                .chain(updated -> updated.rowCount() == 0 || positions.isEmpty()
                        ? Uni.createFrom().item(updated.rowCount() == 1)
                        : conn.preparedQuery("""
                                        insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)
                                        select $1, $2, t, p, o from unnest($3::text[], $4::int[], $5::bigint[]) as x(t, p, o)
                                        on conflict (generation, group_id, topic, kafka_partition)
                                        do update set next_offset = excluded.next_offset, updated_at = now()
                                        """)
                                .execute(Tuple.of(
                                        generation,
                                        groupId,
                                        positions.stream()
                                                .map(PartitionPosition::topic)
                                                .toArray(String[]::new),
                                        positions.stream()
                                                .map(PartitionPosition::partition)
                                                .toArray(Integer[]::new),
                                        positions.stream()
                                                .map(PartitionPosition::nextOffset)
                                                .toArray(Long[]::new)))
                                .replaceWith(true)));
    }

    /** The rebuild under way (LOADING or BUILDING), if any. */
    public Uni<Optional<Generation>> rebuilding() {
        return pool.query("select generation, state, group_id from projection_generation"
                        + " where state in ('LOADING', 'BUILDING')")
                .execute()
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(generation(rows.iterator().next())));
    }

    /** The state of {@code generation} (empty when there is no such generation). */
    public Uni<Optional<String>> state(int generation) {
        return pool.preparedQuery("select state from projection_generation where generation = $1")
                .execute(Tuple.of(generation))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString(0)));
    }

    public Uni<Integer> active() {
        return pool.query("select generation from projection_generation where state = 'ACTIVE'")
                .execute()
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Makes the building generation {@code generation} the active one and retires the old one, in one
     * transaction (the counts added to those its load recorded, {@link #loaded}); tells every live-update stream to look again. False when it is no longer building.
     */
    public Uni<Boolean> activate(int generation, long eventsApplied, long transactions, long poisonSkipped) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "select state from projection_generation" + " where generation = $1 for update")
                .execute(Tuple.of(generation))
                .chain(rows -> {
                    if (rows.size() == 0
                            || !"BUILDING".equals(rows.iterator().next().getString(0))) {
                        return Uni.createFrom().item(false);
                    }
                    return conn.query("update projection_generation set state = 'RETIRED', retired_at = now()"
                                    + " where state = 'ACTIVE'")
                            .execute()
                            .chain(() -> conn.preparedQuery("update projection_generation set state = 'ACTIVE',"
                                            + " activated_at = now(), events_applied = events_applied + $2,"
                                            + " transactions = transactions + $3, poison_skipped = poison_skipped + $4"
                                            + " where generation = $1")
                                    .execute(Tuple.of(generation, eventsApplied, transactions, poisonSkipped)))
                            .chain(() -> conn.preparedQuery("select pg_notify($1, $2)")
                                    .execute(Tuple.of(ProjectionWriter.NOTIFY_CHANNEL, ProjectionWriter.ALL)))
                            .replaceWith(true);
                }));
    }

    public Uni<Void> fail(int generation, String detail) {
        return pool.preparedQuery("update projection_generation set state = 'FAILED', retired_at = now(), detail = $2"
                        + " where generation = $1 and state in ('LOADING', 'BUILDING')")
                .execute(Tuple.of(generation, detail))
                .replaceWithVoid();
    }

    /**
     * Purges the generations retired or failed more than {@code grace} ago (queries that started on them have long
     * finished): their partitions dropped ({@link GenerationPartitions#drop}), and the rows of those older than V8
     * (in the default partitions) deleted. Returns the number of fact rows removed.
     */
    public Uni<Long> purge(Duration grace) {
        return pool.preparedQuery("select generation from projection_generation where state in ('RETIRED', 'FAILED')"
                        + " and retired_at < now() - make_interval(secs => $1) order by generation")
                .execute(Tuple.of((double) grace.toMillis() / 1000.0))
                .chain(rows -> {
                    List<Integer> old = new ArrayList<>();
                    rows.forEach(row -> old.add(row.getInteger(0)));
                    if (old.isEmpty()) {
                        return Uni.createFrom().item(0L);
                    }
                    return Multi.createFrom()
                            .iterable(old)
                            .onItem()
                            .transformToUniAndConcatenate(partitions::drop)
                            .collect()
                            .with(Collectors.summingLong(Long::longValue))
                            .chain(dropped -> partitions.deleteFromDefault(old).map(deleted -> dropped + deleted));
                });
    }

    private static Generation generation(Row row) {
        return new Generation(row.getInteger(0), row.getString(1), row.getString(2));
    }
}
