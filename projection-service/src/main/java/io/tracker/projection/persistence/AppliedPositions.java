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
 * from on every partition it is given, and checks in every batch's transaction (its Kafka offsets are committed
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

    /** How many of the partitions ($3, $4) the database holds less of than the offsets ($5) a loop wrote last. */
    private static final String BEHIND =
            "select count(*) from unnest($3::text[], $4::int[], $5::bigint[]) as x(t, p, o)"
                    + " where coalesce((select max(a.next_offset) from applied_position a where" + HOLDS
                    + " and a.topic = x.t and a.kafka_partition = x.p), -1) < x.o";

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
     * In a batch's transaction (sent before its positions are written): fails with {@link PositionsBehindException}
     * when the database holds less on one of {@code expected}'s partitions than the offset given (the last one the
     * loop wrote there, or read at its start): commits it was told of were lost (PostgreSQL crashed before their
     * WAL flush). Nothing to check: no round trip.
     */
    Uni<Long> check(SqlConnection conn, String groupId, List<PartitionPosition> expected) {
        if (expected.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return conn.preparedQuery(BEHIND)
                .execute(Tuple.of(
                        groupId,
                        rebuildGroupPrefix,
                        expected.stream().map(PartitionPosition::topic).toArray(String[]::new),
                        expected.stream().map(PartitionPosition::partition).toArray(Integer[]::new),
                        expected.stream().map(PartitionPosition::nextOffset).toArray(Long[]::new)))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(behind -> behind == 0
                        ? Uni.createFrom().item(0L)
                        : Uni.createFrom().<Long>failure(new PositionsBehindException(behind)));
    }
}
