package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pool keeps its statements prepared, and a batch's transaction (begun by the writer's first statement) runs them
 * with their generic plans: a statement naming the generation (the partition key) by a parameter, which PostgreSQL's
 * auto mode plans again for its values at every execution, is planned once and pruned when it runs.
 */
@QuarkusTest
class ApplyPlansTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The shape of the batch's reads: a generation and a stream by parameters, on a partitioned table. */
    private static final String BY_GENERATION =
            "select count(*) from fact where generation = $1 and stream_type = 'negotiation' and stream_id = $2";

    @Inject
    Pool pool;

    @Test
    void aBatchTransactionRunsItsStatementsWithTheirGenericPlans() {
        for (String begin : List.of(
                ProjectionWriter.GENERATIONS_LIVE,
                ProjectionWriter.GENERATIONS_LIVE_ASYNC,
                ProjectionWriter.GENERATION_BUILDING)) {
            long[][] plans = pool.withConnection(c -> plans(c).chain(before -> c.query("begin")
                            .execute()
                            // a generation being built (gone with the rollback): the statement sets the mode only
                            // when it reads a generation
                            .chain(() -> c.query("insert into projection_generation (generation, state, group_id)"
                                            + " select max(generation) + 1, 'BUILDING', 'plans-test'"
                                            + " from projection_generation returning generation")
                                    .execute())
                            .chain(building -> begin.contains("$1")
                                    ? c.preparedQuery(begin)
                                            .execute(Tuple.of(
                                                    building.iterator().next().getInteger(0)))
                                    : c.preparedQuery(begin).execute())
                            .chain(() -> executions(c, 7))
                            .chain(() -> plans(c))
                            .map(after -> new long[][] {before, after})
                            .call(() -> c.query("rollback").execute())))
                    .await()
                    .atMost(WAIT);
            long[] after = plans[1];
            assertEquals(1, after[0], "kept prepared on the connection: " + begin);
            assertEquals(0, after[1] - plans[0][1], "no plan made for the values: " + begin);
            assertEquals(7, after[2] - plans[0][2], "the generic plan at every execution: " + begin);
        }
    }

    /** Without the writer's setting (the queries' transactions), auto mode keeps planning for the values. */
    @Test
    void withoutTheSettingTheStatementIsPlannedForItsValues() {
        long[][] plans = pool.withConnection(c -> plans(c).chain(before ->
                        executions(c, 7).chain(() -> plans(c)).map(after -> new long[][] {before, after})))
                .await()
                .atMost(WAIT);
        assertEquals(1, plans[1][0], "kept prepared on the connection");
        // auto mode plans a statement's first five executions for their values, then compares (the generic plan's
        // estimate covers every partition of fact)
        assertTrue(plans[1][1] - plans[0][1] >= 5, "planned for its values: " + (plans[1][1] - plans[0][1]));
    }

    @Test
    void theGenericPlanPrunesTheOtherGenerationsWhenItRuns() {
        int active = pool.query("select generation from projection_generation where state = 'ACTIVE'")
                .execute()
                .map(rows -> rows.iterator().next().getInteger(0))
                .await()
                .atMost(WAIT);
        String name = "by_generation_" + System.nanoTime();
        String plan = pool.withConnection(c -> c.query("begin")
                        .execute()
                        .chain(() -> c.query("set local plan_cache_mode = force_generic_plan")
                                .execute())
                        // two generations more, with partitions of their own (gone with the rollback)
                        .chain(() -> c.query("select projection_attach_generation('fact', " + (active + 100_000)
                                        + "), projection_attach_generation('fact', " + (active + 100_001) + ")")
                                .execute())
                        .chain(() -> c.query("prepare " + name + "(int, text) as " + BY_GENERATION)
                                .execute())
                        .chain(() -> c.query("explain (analyze, costs off, timing off, summary off) execute " + name
                                        + "(" + active + ", 'nobody')")
                                .execute())
                        .map(rows -> {
                            StringBuilder text = new StringBuilder();
                            for (Row row : rows) {
                                text.append(row.getString(0)).append('\n');
                            }
                            return text.toString();
                        })
                        .call(() -> c.query("rollback").execute())
                        .call(() -> c.query("deallocate " + name).execute()))
                .await()
                .atMost(WAIT);
        Matcher removed = Pattern.compile("Subplans Removed: (\\d+)").matcher(plan);
        assertTrue(removed.find() && Integer.parseInt(removed.group(1)) >= 2, plan);
    }

    /** The statement {@code times} times on {@code c}, for generation 1 and different streams. */
    private static Uni<Void> executions(SqlConnection c, int times) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int round = 0; round < times; round++) {
            int i = round;
            chain = chain.chain(() -> c.preparedQuery(BY_GENERATION)
                    .execute(Tuple.of(1, "stream-" + i))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** On {@code c}: how many statements {@link #BY_GENERATION} is prepared as, its custom and its generic plans. */
    private static Uni<long[]> plans(SqlConnection c) {
        return c.preparedQuery("select count(*), coalesce(sum(custom_plans), 0), coalesce(sum(generic_plans), 0)"
                        + " from pg_prepared_statements where statement = $1")
                .execute(Tuple.of(BY_GENERATION))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new long[] {row.getLong(0), row.getLong(1), row.getLong(2)};
                });
    }
}
