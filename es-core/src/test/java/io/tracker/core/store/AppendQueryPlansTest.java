package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The append's statements kept prepared on each connection ({@code quarkus.datasource.reactive.cache-prepared-statements}):
 * PostgreSQL plans them per execution for the first five, then keeps its generic plan when that is not dearer. The
 * plan it settles on must read the streams, the log and the idempotency keys through their indexes, on tables of
 * realistic size (scratch copies in a schema of their own: 20,000 streams, 50,000 events, 20,000 keys), whatever the
 * arrays' lengths. Also: the pool really keeps them (a named statement on the connection, not the unnamed one).
 */
@QuarkusTest
class AppendQueryPlansTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int STREAMS = 20_000;
    private static final int EVENTS = 50_000;
    private static final String[] TABLES = {"es_streams", "es_events", "es_idempotency"};

    @Inject
    DedicatedConnections connections;

    @Inject
    Pool pool;

    private ScratchSchema scratch;

    @BeforeEach
    void scratchTables() {
        scratch = ScratchSchema.create(connections, TABLES);
        scratch.run("insert into " + scratch.table("es_streams") + " (stream_id, stream_type, version)"
                + " select 'stream-' || i, 'negotiation', " + (EVENTS / STREAMS) + " from generate_series(0, "
                + (STREAMS - 1) + ") i");
        scratch.run("insert into " + scratch.table("es_events")
                + " (global_position, transaction_id, stream_id, stream_type, version,"
                + " event_id, event_type, schema_version, payload, actor)"
                + " select i, (1000 + i / 5)::text::xid8, 'stream-' || (i % " + STREAMS + "), 'negotiation', i / "
                + STREAMS + " + 1, gen_random_uuid(), 'MouSigned', 1, '{}'::jsonb, 'bench' from generate_series(1, "
                + EVENTS + ") i");
        scratch.run("insert into " + scratch.table("es_idempotency")
                + " (idempotency_key, request_hash, stream_id, first_version,"
                + " last_version) select 'key-' || i, 'h', 'stream-' || i, 1, 1 from generate_series(0, "
                + (STREAMS - 1) + ") i");
        scratch.use(TABLES);
    }

    @AfterEach
    void dropScratch() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void anAppendAloneReadsThroughTheIndexesInThePlanPostgresSettlesOn() {
        String types =
                "text, text, text, text, text, text, bigint, uuid[], text[], int[], text[], text[], text, bigint, text";
        String args = "'stream-7', 'negotiation', 'c', null, 'a', 'key-new', 2,"
                + " array[gen_random_uuid(), gen_random_uuid()], array['MouSigned', 'MouSigned'], array[1, 1],"
                + " array['{}', '{}'], array['2026-01-29', '2026-01-29'], 'h', 2, null";
        for (String sql : new String[] {EventStore.APPEND_EXPECTED, EventStore.APPEND_NEW, EventStore.APPEND_ANY}) {
            assertIndexesOnly(plans(sql, types, args));
        }
    }

    @Test
    void aGroupReadsThroughTheIndexesInThePlanPostgresSettlesOn() {
        String types = "int[], text[], text[], bigint[], bigint[], text[], text[], text[], text[], text[], int[],"
                + " uuid[], text[], int[], text[], text[], bigint[], text[]";
        // eight commands of one event each, to streams at version 2, half of them with an idempotency key
        int n = 8;
        String args = String.join(
                ", ",
                array(n, k -> Integer.toString(k), "int"),
                array(n, k -> "'stream-" + (k * 97) + "'", "text"),
                array(n, k -> "'negotiation'", "text"),
                array(n, k -> "2", "bigint"),
                array(n, k -> "1", "bigint"),
                array(n, k -> k % 2 == 0 ? "'key-new-" + k + "'" : "null", "text"),
                array(n, k -> "'h'", "text"),
                array(n, k -> "'c'", "text"),
                array(n, k -> "null", "text"),
                array(n, k -> "'a'", "text"),
                array(n, k -> Integer.toString(k), "int"),
                array(n, k -> "gen_random_uuid()", "uuid"),
                array(n, k -> "'MouSigned'", "text"),
                array(n, k -> "1", "int"),
                array(n, k -> "'{}'", "text"),
                array(n, k -> "'2026-01-29'", "text"),
                array(n, k -> "1", "bigint"),
                array(n, k -> "null", "text"));
        assertIndexesOnly(plans(GroupAppend.SQL, types, args));
    }

    @Test
    void thePoolKeepsItsStatementsPrepared() {
        String sql = "select count(*) from es_streams where stream_id = $1";
        long named = pool.withConnection(c -> c.preparedQuery(sql)
                        .execute(Tuple.of("nobody"))
                        .chain(() -> c.preparedQuery(sql).execute(Tuple.of("nobody")))
                        .chain(() -> c.query("select count(*) from pg_prepared_statements where statement = '"
                                        + sql.replace("'", "''") + "'")
                                .execute())
                        .map(rows -> rows.iterator().next().getLong(0)))
                .await()
                .atMost(WAIT);
        assertEquals(1, named, "the statement is prepared once on the connection and kept");
    }

    private static void assertIndexesOnly(String[] plans) {
        for (String plan : plans) {
            for (String table : TABLES) {
                assertFalse(plan.contains("Seq Scan on " + table), plan);
            }
        }
    }

    /** The generic plan (which must use an index) and the plan PostgreSQL settles on by itself. */
    private String[] plans(String sql, String types, String args) {
        String generic = scratch.genericPlan(sql, types, args);
        assertTrue(generic.contains("Index"), generic);
        return new String[] {generic, scratch.settledPlan(sql, types, args)};
    }

    private static String array(int n, java.util.function.IntFunction<String> element, String type) {
        return "array["
                + java.util.stream.IntStream.range(0, n).mapToObj(element).collect(Collectors.joining(", ")) + "]::"
                + type + "[]";
    }
}
