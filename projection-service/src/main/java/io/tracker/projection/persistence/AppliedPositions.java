package io.tracker.projection.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.config.ProjectionConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where the database says a live consumer group is: per partition, the next offset the ACTIVE generation holds
 * ({@code applied_position}, written in the transaction of the facts it applied). The truth a live consumer starts
 * from on every partition it is given, and checks (and writes) in every batch's transaction (its Kafka offsets are committed
 * asynchronously, and its transactions may not wait for their WAL flush: both may be ahead of what the database
 * holds after a crash). A generation built by a rebuild holds everything its replay applied too: the position is
 * the greatest of the live group's and that generation's rebuild group's.
 */
@ApplicationScoped
public class AppliedPositions {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** $1 live group, $2 rebuild group prefix: the rows of the ACTIVE generation that say what it holds. */
    private static final String HOLDS = " a.generation = (select generation from projection_generation"
            + " where state = 'ACTIVE') and (a.group_id = $1 or a.group_id = $2::text || a.generation::text)";

    private static final String HELD = "select a.topic, a.kafka_partition, max(a.next_offset) from applied_position a"
            + " where" + HOLDS + " and a.topic = any($3::text[]) group by a.topic, a.kafka_partition";

    /** $1 generations, $2 group, $3-$5 topics, partitions, next offsets: each generation's position, never back. */
    private static final String UPSERT = """
            insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)
            select g, $2, t, p, o from unnest($1::int[]) as gen(g)
            cross join unnest($3::text[], $4::int[], $5::bigint[]) as x(t, p, o)
            on conflict (generation, group_id, topic, kafka_partition)
            do update set next_offset = greatest(applied_position.next_offset, excluded.next_offset), updated_at = now()
            """;

    /**
     * The same upsert, and in the same statement (so from the same snapshot, before it writes) how many of the
     * partitions $6, $7 the ACTIVE generation $9 holds less of than the offsets $8 in the rows of the groups $10 (the
     * live group and the rebuild group that built that generation): by the primary key, one index probe each.
     */
    private static final String UPSERT_CHECKED = "with behind as (select count(*) as n"
            + " from unnest($6::text[], $7::int[], $8::bigint[]) as h(t, p, o)"
            + " where coalesce((select max(a.next_offset) from applied_position a where a.generation = $9"
            + " and a.group_id = any($10::text[]) and a.topic = h.t and a.kafka_partition = h.p), -1) < h.o),"
            + " written as (" + UPSERT.strip() + " returning 1)"
            + " select n from behind";

    private final Pool pool;
    private final String rebuildGroupPrefix;

    AppliedPositions(Pool pool, ProjectionConfig config) {
        this.pool = pool;
        this.rebuildGroupPrefix = config.rebuildGroupPrefix();
    }

    /**
     * The positions the ACTIVE generation holds for {@code groupId} in these topics (a partition without a row: none
     * applied there, start from its beginning). Blocks (a consumer loop's thread).
     */
    public List<PartitionPosition> held(String groupId, Collection<String> topics) {
        return pool.preparedQuery(HELD)
                .execute(Tuple.of(groupId, rebuildGroupPrefix, topics.toArray(String[]::new)))
                .map(rows -> {
                    List<PartitionPosition> held = new ArrayList<>();
                    for (Row row : rows) {
                        held.add(new PartitionPosition(row.getString(0), row.getInteger(1), row.getLong(2)));
                    }
                    return held;
                })
                .await()
                .atMost(TIMEOUT);
    }

    /**
     * Writes a batch's {@code positions} (next offsets) to {@code generations} for {@code groupId}, in the batch's
     * transaction. With {@code held} (a live loop's last written positions on the batch's partitions), checks in the
     * same statement, before it writes, that the {@code active} generation holds at least those: fails with
     * {@link PositionsBehindException} when it does not (commits it was told of were lost: PostgreSQL crashed before
     * their WAL flush). One statement either way.
     */
    Uni<Void> write(
            SqlConnection conn,
            Integer[] generations,
            String groupId,
            List<PartitionPosition> positions,
            int active,
            List<PartitionPosition> held) {
        if (held.isEmpty()) {
            if (positions.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return conn.preparedQuery(UPSERT)
                    .execute(Tuple.from(upsertParameters(generations, groupId, positions)))
                    .replaceWithVoid();
        }
        List<Object> parameters = upsertParameters(generations, groupId, positions);
        parameters.add(held.stream().map(PartitionPosition::topic).toArray(String[]::new));
        parameters.add(held.stream().map(PartitionPosition::partition).toArray(Integer[]::new));
        parameters.add(held.stream().map(PartitionPosition::nextOffset).toArray(Long[]::new));
        parameters.add(active);
        parameters.add(new String[] {groupId, rebuildGroupPrefix + active});
        return conn.preparedQuery(UPSERT_CHECKED)
                .execute(Tuple.from(parameters))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(behind -> behind == 0
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new PositionsBehindException(behind)));
    }

    private static List<Object> upsertParameters(
            Integer[] generations, String groupId, List<PartitionPosition> positions) {
        List<Object> parameters = new ArrayList<>(10);
        parameters.add(generations);
        parameters.add(groupId);
        parameters.add(positions.stream().map(PartitionPosition::topic).toArray(String[]::new));
        parameters.add(positions.stream().map(PartitionPosition::partition).toArray(Integer[]::new));
        parameters.add(positions.stream().map(PartitionPosition::nextOffset).toArray(Long[]::new));
        return parameters;
    }
}
