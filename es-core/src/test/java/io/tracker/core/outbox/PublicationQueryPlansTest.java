package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.DedicatedConnections;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * What the relay's statements cost on a log of realistic size: each reads the commit-order index from the
 * checkpoint on, never the whole log, also in the generic plan PostgreSQL switches a prepared statement to after
 * a few executions; and moving the checkpoint does not wait for a WAL flush. Checked on a scratch copy of the
 * tables (50,000 events, in a schema of their own) so that the application's relay never sees them.
 *
 * <p>Found by the benchmark: the held-back check was once {@code select exists (...)}, whose generic plan is a
 * sequential scan of the whole log; at 100 commands/s it kept PostgreSQL at 0.8 cores.
 */
@QuarkusTest
class PublicationQueryPlansTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int EVENTS = 50_000;

    @Inject
    DedicatedConnections connections;

    private PgConnection conn;
    private String schema;

    @BeforeEach
    void scratchLog() {
        conn = connections.connect().await().atMost(WAIT);
        schema = "plans_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        run("create schema " + schema);
        run("create table " + schema + ".es_events (like public.es_events including all)");
        run("create table " + schema + ".es_publication (like public.es_publication including all)");
        // 5 events per transaction, transaction ids ascending like the real log's
        run("insert into " + schema + ".es_events (global_position, transaction_id, stream_id, stream_type, version,"
                + " event_id, event_type, schema_version, payload, actor)"
                + " select i, (1000 + i / 5)::text::xid8, 'stream-' || (i % 4000), 'negotiation', i / 4000 + 1,"
                + " gen_random_uuid(), 'MouSigned', 1, '{}'::jsonb, 'bench' from generate_series(1, " + EVENTS + ") i");
        run("insert into " + schema + ".es_publication (relay, transaction_id, global_position) values ('"
                + PublicationLog.RELAY + "', '" + (1000 + (EVENTS - 10) / 5) + "'::xid8, " + (EVENTS - 10) + ")");
        run("analyze " + schema + ".es_events");
        run("set search_path = " + schema);
    }

    @AfterEach
    void dropScratch() {
        if (conn != null) {
            run("drop schema " + schema + " cascade");
            conn.close().await().atMost(WAIT);
        }
    }

    @Test
    void theRelaysReadsUseTheCommitOrderIndexInTheirGenericPlans() {
        String checkpoint = "'" + (1000 + (EVENTS - 10) / 5) + "', " + (EVENTS - 10);
        String next = genericPlan(PublicationLog.NEXT, checkpoint + ", 500");
        String heldBack = genericPlan(PublicationLog.HELD_BACK, checkpoint);
        String backlog = genericPlan(PublicationLog.BACKLOG, "'" + PublicationLog.RELAY + "'");
        for (String plan : new String[] {next, heldBack, backlog}) {
            assertFalse(plan.contains("Seq Scan on es_events"), plan);
            assertTrue(plan.contains("Index"), plan);
        }
        // the form it replaced: the same question, answered by a scan of the whole log (what this test guards against)
        String exists = genericPlan(
                "select exists (select 1 from es_events"
                        + " where (transaction_id, global_position) > ($1::text::xid8, $2))",
                checkpoint);
        assertTrue(exists.contains("Seq Scan on es_events"), "the scratch log is large enough to show it: " + exists);
    }

    @Test
    void movingTheCheckpointDoesNotWaitForAWalFlush() {
        run("prepare save(text, text, bigint) as " + PublicationLog.SAVE);
        long before = walSyncs();
        int saves = 40;
        for (int i = 1; i <= saves; i++) {
            long position = EVENTS - 10 + i;
            run("execute save('" + PublicationLog.RELAY + "', '" + (1000 + position / 5) + "', " + position + ")");
        }
        long syncs = walSyncs() - before;
        String at = conn.query("select global_position from es_publication")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0)
                .toString();
        assertTrue(at.equals(Long.toString(EVENTS - 10 + saves)), "every save moved the checkpoint: " + at);
        // a synchronous commit flushes once per save (40); the WAL writer flushes asynchronous ones every 200 ms
        assertTrue(syncs < saves / 4, saves + " checkpoint moves waited for " + syncs + " WAL flushes");
    }

    /** The server's WAL flushes so far, this session's included (its counters are otherwise sent at most once a second). */
    private long walSyncs() {
        run("select pg_stat_force_next_flush()");
        return conn.query("select wal_sync from pg_stat_wal")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    /** The plan PostgreSQL uses for the prepared statement once it no longer plans per execution. */
    private String genericPlan(String sql, String args) {
        String name = "q_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        run("prepare " + name + " as " + sql);
        run("set plan_cache_mode = force_generic_plan");
        try {
            return StreamSupport.stream(
                            conn.query("explain execute " + name + "(" + args + ")")
                                    .execute()
                                    .await()
                                    .atMost(WAIT)
                                    .spliterator(),
                            false)
                    .map(r -> r.getString(0))
                    .collect(Collectors.joining("\n"));
        } finally {
            run("reset plan_cache_mode");
            run("deallocate " + name);
        }
    }

    private void run(String sql) {
        conn.query(sql).execute().await().atMost(WAIT);
    }
}
