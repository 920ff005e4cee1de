package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The positions' write in a batch's transaction, with and without the check of what the live loop holds: one
 * statement that reads the ACTIVE generation's positions from its snapshot (before it writes) and writes the batch's.
 * Each test uses a topic of its own, which no consumer reads.
 */
@QuarkusTest
class AppliedPositionsTest {
    private static final Duration DB = Duration.ofSeconds(30);
    private static final String GROUP = "positions-test-group";

    @Inject
    Pool pool;

    @Inject
    AppliedPositions positions;

    @Inject
    ProjectionConfig config;

    private String topic;
    private int active;

    @BeforeEach
    void topicOfItsOwn() {
        topic = "positions-test-" + UUID.randomUUID();
        active = pool.query("select generation from projection_generation where state = 'ACTIVE'")
                .execute()
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getInteger(0);
    }

    @Test
    void writesEachPartitionsNextOffsetAndNeverMovesItBack() {
        write(List.of(at(0, 10), at(1, 4)), List.of());
        write(List.of(at(0, 7), at(1, 9)), List.of());

        assertEquals(10L, stored(GROUP, 0));
        assertEquals(9L, stored(GROUP, 1));
    }

    @Test
    void aBatchWhoseHeldPositionsTheDatabaseHoldsIsWritten() {
        write(List.of(at(0, 10), at(1, 4)), List.of());

        write(List.of(at(0, 15)), List.of(at(0, 10)));
        write(List.of(at(1, 6)), List.of(at(1, 3))); // holding more than the loop knows is fine

        assertEquals(15L, stored(GROUP, 0));
        assertEquals(6L, stored(GROUP, 1));
    }

    @Test
    void aBatchThatFindsTheDatabaseBehindFailsAndWritesNothing() {
        write(List.of(at(0, 10), at(1, 4)), List.of());

        // the loop wrote 12 on partition 0, the database lost it (a crash before the WAL flush): it holds 10
        RuntimeException failure =
                assertThrows(RuntimeException.class, () -> write(List.of(at(0, 20), at(1, 8)), List.of(at(0, 12))));

        assertInstanceOf(PositionsBehindException.class, rootOf(failure));
        assertEquals(10L, stored(GROUP, 0), "the transaction was rolled back");
        assertEquals(4L, stored(GROUP, 1));
    }

    @Test
    void aPartitionWithoutARowIsBehindAnyHeldOffset() {
        RuntimeException failure =
                assertThrows(RuntimeException.class, () -> write(List.of(at(3, 5)), List.of(at(3, 0))));

        assertInstanceOf(PositionsBehindException.class, rootOf(failure));
        assertEquals(null, stored(GROUP, 3));
    }

    @Test
    void theCheckReadsThePositionsBeforeTheStatementWritesThem() {
        write(List.of(at(0, 10)), List.of());

        // the batch writes 12 and expects 12 to be there already: the write in the same statement does not count
        assertThrows(RuntimeException.class, () -> write(List.of(at(0, 12)), List.of(at(0, 12))));

        assertEquals(10L, stored(GROUP, 0));
    }

    @Test
    void theRebuildGroupThatBuiltTheActiveGenerationCountsAsHeld() {
        String rebuildGroup = config.rebuildGroupPrefix() + active;
        pool.preparedQuery("insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)"
                        + " values ($1, $2, $3, 0, 30)")
                .execute(Tuple.of(active, rebuildGroup, topic))
                .await()
                .atMost(DB);
        write(List.of(at(0, 5)), List.of()); // the live group's own row is behind the rebuild's

        write(List.of(at(0, 31)), List.of(at(0, 30)));

        assertEquals(31L, stored(GROUP, 0));
        // another group's row (not the rebuild of the active generation) does not count
        pool.preparedQuery("insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)"
                        + " values ($1, 'someone-else', $2, 1, 50)")
                .execute(Tuple.of(active, topic))
                .await()
                .atMost(DB);
        assertThrows(RuntimeException.class, () -> write(List.of(at(1, 51)), List.of(at(1, 50))));
    }

    private PartitionPosition at(int partition, long nextOffset) {
        return new PartitionPosition(topic, partition, nextOffset);
    }

    /** One batch's transaction that writes only positions (of the active generation), checking {@code held}. */
    private void write(List<PartitionPosition> written, List<PartitionPosition> held) {
        pool.withTransaction(conn -> positions.write(conn, new Integer[] {active}, GROUP, written, active, held))
                .await()
                .atMost(DB);
    }

    private Long stored(String group, int partition) {
        var rows = pool.preparedQuery("select next_offset from applied_position where generation = $1"
                        + " and group_id = $2 and topic = $3 and kafka_partition = $4")
                .execute(Tuple.of(active, group, topic, partition))
                .await()
                .atMost(DB);
        for (Row row : rows) {
            return row.getLong(0);
        }
        return null;
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (!(root instanceof PositionsBehindException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
