package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * {@link CommitOrder#isFinal}: the same answer as {@code x < HORIZON}, and for an id below the cluster's xmin (the
 * common case) without HORIZON's look at {@code pg_stat_activity}, by the executed plan on the real PostgreSQL.
 */
@QuarkusTest
class CommitOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void anIdBelowTheClustersXminIsFinalWithoutLookingAtPgStatActivity() {
        assertTrue(isFinal(pool, "'3'::xid8"));
        List<String> activity = activityLines(explain(pool, "'3'::xid8"));
        assertFalse(activity.isEmpty(), "the plan holds HORIZON's look at pg_stat_activity");
        activity.forEach(line -> assertTrue(line.contains("never executed"), line));
    }

    @Test
    void anIdAtOrAboveTheXminIsAnsweredByTheHorizonAsBefore() {
        SqlConnection open = pool.getConnection().await().atMost(WAIT);
        Transaction tx = open.begin().await().atMost(WAIT);
        try {
            // a transaction of this database that holds an id and runs on: the horizon, and the xmin, stay at or below
            // it
            long xid = Long.parseLong(open.query("select pg_current_xact_id()::text")
                    .execute()
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next()
                    .getString(0));
            // a later transaction that took an id and committed: the snapshot's xmax passes the open one, which is
            // then in its list of running ids (else the open id is at or above the xmax and nothing is looked at)
            pool.query("select pg_current_xact_id()").execute().await().atMost(WAIT);
            for (long id : new long[] {3, xid - 1, xid, xid + 1, xid + 1_000_000}) {
                String x = "'" + id + "'::xid8";
                assertEquals(below(pool, x), isFinal(pool, x), "id " + id + " (open transaction " + xid + ")");
            }
            assertFalse(isFinal(pool, "'" + xid + "'::xid8"), "the open transaction's own id is not final");
            // at the open transaction's id the cheap test fails, so HORIZON's look at pg_stat_activity runs
            List<String> plan = explain(pool, "'" + xid + "'::xid8");
            List<String> activity = activityLines(plan);
            assertFalse(activity.isEmpty());
            assertTrue(activity.stream().anyMatch(line -> !line.contains("never executed")), String.join("\n", plan));
        } finally {
            tx.rollback().await().atMost(WAIT);
            open.close().await().atMost(WAIT);
        }
    }

    private static boolean isFinal(Pool pool, String x) {
        return bool(pool, "select " + CommitOrder.isFinal("x") + " from (values (" + x + ")) v(x)");
    }

    private static boolean below(Pool pool, String x) {
        return bool(pool, "select x < " + CommitOrder.HORIZON + " from (values (" + x + ")) v(x)");
    }

    private static boolean bool(Pool pool, String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next().getBoolean(0);
    }

    private static List<String> explain(Pool pool, String x) {
        List<String> lines = new ArrayList<>();
        for (Row row : pool.query("explain (analyze, costs off, timing off, summary off) select "
                        + CommitOrder.isFinal("x") + " from (values (" + x + ")) v(x)")
                .execute()
                .await()
                .atMost(WAIT)) {
            lines.add(row.getString(0));
        }
        return lines;
    }

    private static List<String> activityLines(List<String> plan) {
        return plan.stream()
                .filter(line -> line.contains("pg_stat_get_activity"))
                .toList();
    }
}
