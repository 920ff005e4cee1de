package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The connections start with {@code plan_cache_mode = force_generic_plan}
 * ({@code quarkus.datasource.reactive.additional-properties.plan_cache_mode}, as the command services run): a kept
 * statement is planned once and runs with its generic plan (whose use of the indexes {@link AppendQueryPlansTest} and
 * the relay's {@code PublicationQueryPlansTest} check), never planned again for its values, however long its text
 * ({@link KeptStatements}: the group append is longer than the client's default limit). The dedicated connections
 * (the relay's lock connection) start with the same settings.
 */
@QuarkusTest
class GenericPlansTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SQL = "select count(*) from es_streams where stream_id = $1";

    @Inject
    Pool pool;

    @Inject
    DedicatedConnections connections;

    @Test
    void thePoolsConnectionsRunTheirStatementsWithGenericPlans() {
        long[][] plans = pool.withConnection(
                        c -> plans(c, SQL).chain(before -> executions(c, 7, SQL, i -> Tuple.of("stream-" + i))
                                .chain(() -> plans(c, SQL))
                                .map(after -> new long[][] {before, after})))
                .await()
                .atMost(WAIT);
        assertEquals(1, plans[1][0], "kept prepared on the connection");
        assertEquals(0, plans[1][1] - plans[0][1], "never planned for its values");
        assertEquals(7, plans[1][2] - plans[0][2], "its generic plan at every execution");
        String mode = pool.withConnection(GenericPlansTest::mode).await().atMost(WAIT);
        assertEquals("force_generic_plan", mode);
    }

    @Test
    void theGroupAppendIsKeptPreparedThoughLongerThanTheClientsDefaultLimit() {
        assertTrue(GroupAppend.SQL.length() >= SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT);
        // an empty group: the statement runs (and is planned) and appends nothing
        Tuple noGroup = GroupAppend.parameters(List.of());
        long[][] plans = pool.withConnection(
                        c -> plans(c, GroupAppend.SQL).chain(before -> executions(c, 3, GroupAppend.SQL, i -> noGroup)
                                .chain(() -> plans(c, GroupAppend.SQL))
                                .map(after -> new long[][] {before, after})))
                .await()
                .atMost(WAIT);
        assertEquals(1, plans[1][0], "kept prepared on the connection");
        assertEquals(0, plans[1][1] - plans[0][1], "never planned for its values");
        assertEquals(3, plans[1][2] - plans[0][2], "its generic plan at every execution");
    }

    @Test
    void theDedicatedConnectionsKeepLongStatementsToo() {
        String sql = SQL + " /* " + "x".repeat(SqlConnectOptions.DEFAULT_PREPARED_STATEMENT_CACHE_SQL_LIMIT) + " */";
        long[] plans = connections
                .connect()
                .chain(c -> executions(c, 2, sql, i -> Tuple.of("stream-" + i))
                        .chain(() -> plans(c, sql))
                        .eventually(c::close))
                .await()
                .atMost(WAIT);
        assertEquals(1, plans[0], "kept prepared on the connection");
        assertEquals(2, plans[2], "its generic plan at every execution");
    }

    @Test
    void theDedicatedConnectionsStartWithTheSameSettings() {
        String mode = connections
                .connect()
                .chain(c -> mode(c).eventually(c::close))
                .await()
                .atMost(WAIT);
        assertEquals("force_generic_plan", mode);
    }

    private static Uni<String> mode(SqlConnection c) {
        return c.query("show plan_cache_mode")
                .execute()
                .map(rows -> rows.iterator().next().getString(0));
    }

    private static Uni<Void> executions(SqlConnection c, int times, String sql, IntFunction<Tuple> parameters) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int round = 0; round < times; round++) {
            int i = round;
            chain = chain.chain(
                    () -> c.preparedQuery(sql).execute(parameters.apply(i)).replaceWithVoid());
        }
        return chain;
    }

    /** On {@code c}: how many statements {@code sql} is prepared as, its custom and its generic plans. */
    private static Uni<long[]> plans(SqlConnection c, String sql) {
        return c.preparedQuery("select count(*), coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0)"
                        + " from pg_prepared_statements where statement = $1")
                .execute(Tuple.of(sql))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1), row.getLong(2)};
                });
    }
}
