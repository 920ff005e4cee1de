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

    /** A generation: its number, state (BUILDING, ACTIVE, RETIRED, FAILED) and consumer group. */
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
        return pool.query("select max(generation) + 1, bool_or(state = 'BUILDING') from projection_generation")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getBoolean(1)) {
                        throw new RebuildRunningException("a rebuild is already under way");
                    }
                    return row.getInteger(0);
                })
                .call(partitions::attach)
                .chain(next -> pool.withTransaction(conn -> conn.preparedQuery("""
                                insert into projection_generation (generation, state, group_id)
                                values ($1, 'BUILDING', $2)
                                returning generation, state, group_id
                                """)
                        .execute(Tuple.of(next, groupPrefix + next))
                        .map(rows -> generation(rows.iterator().next()))))
                .onFailure(e -> e instanceof PgException p && UNIQUE_VIOLATION.equals(p.getSqlState()))
                .transform(e -> new RebuildRunningException("a rebuild is already under way"));
    }

    public Uni<Optional<Generation>> building() {
        return pool.query("select generation, state, group_id from projection_generation where state = 'BUILDING'")
                .execute()
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(generation(rows.iterator().next())));
    }

    public Uni<Integer> active() {
        return pool.query("select generation from projection_generation where state = 'ACTIVE'")
                .execute()
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Makes the building generation {@code generation} the active one and retires the old one, in one
     * transaction; tells every live-update stream to look again. False when it is no longer building.
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
                                            + " activated_at = now(), events_applied = $2, transactions = $3,"
                                            + " poison_skipped = $4 where generation = $1")
                                    .execute(Tuple.of(generation, eventsApplied, transactions, poisonSkipped)))
                            .chain(() -> conn.preparedQuery("select pg_notify($1, $2)")
                                    .execute(Tuple.of(ProjectionWriter.NOTIFY_CHANNEL, ProjectionWriter.ALL)))
                            .replaceWith(true);
                }));
    }

    /** Records the progress of a rebuild that is still building. */
    public Uni<Void> progress(int generation, long eventsApplied, long transactions, long poisonSkipped) {
        return pool.preparedQuery("update projection_generation set events_applied = $2, transactions = $3,"
                        + " poison_skipped = $4 where generation = $1 and state = 'BUILDING'")
                .execute(Tuple.of(generation, eventsApplied, transactions, poisonSkipped))
                .replaceWithVoid();
    }

    public Uni<Void> fail(int generation, String detail) {
        return pool.preparedQuery("update projection_generation set state = 'FAILED', retired_at = now(), detail = $2"
                        + " where generation = $1 and state = 'BUILDING'")
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
