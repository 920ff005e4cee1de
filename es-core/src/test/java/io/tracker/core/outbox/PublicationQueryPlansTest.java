package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.DedicatedConnections;
import io.tracker.core.store.ScratchSchema;

/**
 * What the relay's statements cost on a log of realistic size: each reads the commit-order index from the
 * checkpoint on, never the whole log, also in the generic plan PostgreSQL switches a prepared statement to after
 * a few executions; and moving the checkpoint does not wait for a WAL flush. Checked on a scratch copy of the
 * tables (50,000 events, in a schema of their own) so that the application's relay never sees them.
 *
 * <p>Found by the benchmark: the held-back check (a statement of its own then; the read answers it now) was once
 * {@code select exists (...)}, whose generic plan is a sequential scan of the whole log; at 100 commands/s it kept
 * PostgreSQL at 0.8 cores.
 */
@QuarkusTest
class PublicationQueryPlansTest {
    private static final int EVENTS = 50_000;

    @Inject
    DedicatedConnections connections;

    private ScratchSchema scratch;

    @BeforeEach
    void scratchLog() {
        scratch = ScratchSchema.create(connections, "es_events", "es_publication");
        // 5 events per transaction, transaction ids ascending like the real log's
        scratch.run("insert into " + scratch.table("es_events")
                + " (global_position, transaction_id, stream_id, stream_type, version,"
                + " event_id, event_type, schema_version, payload, actor)"
                + " select i, (1000 + i / 5)::text::xid8, 'stream-' || (i % 4000), 'negotiation', i / 4000 + 1,"
                + " gen_random_uuid(), 'MouSigned', 1, '{}'::jsonb, 'bench' from generate_series(1, " + EVENTS + ") i");
        scratch.run("insert into " + scratch.table("es_publication") + " (relay, transaction_id, global_position)"
                + " values ('" + PublicationLog.RELAY + "', '" + (1000 + (EVENTS - 10) / 5) + "'::xid8, "
                + (EVENTS - 10) + ")");
        scratch.use("es_events");
    }

    @AfterEach
    void dropScratch() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void theRelaysReadsUseTheCommitOrderIndexInTheirGenericPlans() {
        String checkpoint = "'" + (1000 + (EVENTS - 10) / 5) + "', " + (EVENTS - 10);
        String next = scratch.genericPlan(PublicationLog.NEXT, "", checkpoint + ", 500");
        String backlog = scratch.genericPlan(PublicationLog.BACKLOG, "", "'" + PublicationLog.RELAY + "'");
        for (String plan : new String[] {next, backlog}) {
            assertFalse(plan.contains("Seq Scan on es_events"), plan);
            assertTrue(plan.contains("Index"), plan);
        }
        // the form it replaced: the same question, answered by a scan of the whole log (what this test guards against)
        String exists = scratch.genericPlan(
                "select exists (select 1 from es_events"
                        + " where (transaction_id, global_position) > ($1::text::xid8, $2))",
                "",
                checkpoint);
        assertTrue(exists.contains("Seq Scan on es_events"), "the scratch log is large enough to show it: " + exists);
    }

    @Test
    void movingTheCheckpointDoesNotWaitForAWalFlush() {
        scratch.run("prepare save(text, text, bigint) as " + PublicationLog.SAVE);
        long before = walSyncs();
        long started = System.nanoTime();
        int saves = 40;
        for (int i = 1; i <= saves; i++) {
            long position = EVENTS - 10 + i;
            scratch.run(
                    "execute save('" + PublicationLog.RELAY + "', '" + (1000 + position / 5) + "', " + position + ")");
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long syncs = walSyncs() - before;
        String at = scratch.lines("select global_position from es_publication");
        assertTrue(at.equals(Long.toString(EVENTS - 10 + saves)), "every save moved the checkpoint: " + at);
        // the mechanism, exactly: the statement turns its own transaction's commit asynchronous, and only it
        scratch.run("begin");
        long next = EVENTS - 10 + saves + 1;
        scratch.run("execute save('" + PublicationLog.RELAY + "', '" + (1000 + next / 5) + "', " + next + ")");
        String inside = scratch.lines("select current_setting('synchronous_commit')");
        scratch.run("commit");
        assertEquals("off", inside, "the save's transaction commits without waiting for the WAL flush");
        assertEquals("on", scratch.lines("select current_setting('synchronous_commit')"), "and no later one");
        // a synchronous commit flushes once per save (40); the WAL writer flushes asynchronous ones every 200 ms
        // (wal_writer_delay), so a loop slowed by a busy machine sees about one flush per 200 ms of its own, and the
        // server's other sessions (the test application's relay) may add a couple
        long allowed = saves / 4 + elapsedMs / 200 + 2;
        assertTrue(
                syncs < allowed,
                saves + " checkpoint moves in " + elapsedMs + " ms waited for " + syncs + " WAL flushes (allowed "
                        + allowed + ")");
    }

    /** The server's WAL flushes so far, this session's included (its counters are otherwise sent at most once a second). */
    private long walSyncs() {
        scratch.run("select pg_stat_force_next_flush()");
        return Long.parseLong(scratch.lines("select wal_sync from pg_stat_wal"));
    }
}
