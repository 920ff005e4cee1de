package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The interleaving suspected of putting a stream's versions out of commit order inside a group, forced step by
 * step with explicit transactions: the group's statement takes its transaction id on its first claim (stream X)
 * and then has to wait; meanwhile another transaction, with a LATER transaction id, claims the next version of
 * stream S, which the group claims too; it commits, then the group goes on. Publication reads in (transaction id,
 * position) order, so if the group could still write S's next version, that version would carry a smaller
 * transaction id than the version before it. It cannot: the group's claim is conditional on the version its
 * snapshot saw, and PostgreSQL re-checks that condition against the committed row (READ COMMITTED), which the
 * other transaction moved; the group's claim on S selects nothing (a conflict) and every version of S carries a
 * larger transaction id than the version before.
 */
@QuarkusTest
class GroupCommitOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Inject
    DedicatedConnections connections;

    @Test
    void aClaimThatWaitedBehindAWriterWithALaterTransactionIdAppendsNothingAndTheStreamStaysInCommitOrder()
            throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String x = "order-x-" + t;
        String s = "order-s-" + t;
        store.append(Events.request(x, ExpectedVersion.NO_STREAM, 1)).await().atMost(WAIT);
        store.append(Events.request(s, ExpectedVersion.NO_STREAM, 1)).await().atMost(WAIT);
        PgConnection blocker = connect();
        PgConnection writer = connect();
        PgConnection grouped = connect();
        // the group's claims in item order (X first), whatever the physical order of the rows: a nested loop over
        // the items with an index lookup each
        run(grouped, "set enable_hashjoin = off; set enable_mergejoin = off; set enable_seqscan = off");
        try {
            // 1. a lock on X's row: the group's first claim will wait on it
            run(blocker, "begin");
            blocker.preparedQuery("select 1 from es_streams where stream_id = $1 for update")
                    .execute(Tuple.of(x))
                    .await()
                    .atMost(WAIT);
            long blockerPid = pid(blocker);

            // 2. the group (X at 1, S at 1) starts, takes its transaction id on X and waits for the blocker
            CompletableFuture<RowSet<Row>> group = grouped.preparedQuery(GroupAppend.SQL)
                    .execute(GroupAppend.parameters(List.of(Events.request(x, 1, 1), Events.request(s, 1, 1))))
                    .subscribeAsCompletionStage();
            long groupXid = awaitWaitingGroup(blockerPid);

            // 3. another writer, whose transaction id is later than the group's, moves S from 1 to 2
            run(writer, "begin");
            long writerXid = xid(writer);
            assertTrue(
                    writerXid > groupXid,
                    "the writer's transaction id " + writerXid + " is later than the group's " + groupXid);
            assertEquals(
                    1,
                    writer.preparedQuery("update es_streams set version = 2 where stream_id = $1 and version = 1")
                            .execute(Tuple.of(s))
                            .await()
                            .atMost(WAIT)
                            .rowCount());
            writer.preparedQuery(
                            "insert into es_events (stream_id, stream_type, version, event_id, event_type,"
                                    + " schema_version, payload, actor) values ($1, 'tally', 2, gen_random_uuid(), 'Ticked', 1, '{}', 'test')")
                    .execute(Tuple.of(s))
                    .await()
                    .atMost(WAIT);
            run(writer, "commit");

            // 4. the group goes on: X is claimed, S is not (it is no longer at 1)
            run(blocker, "commit");
            List<List<AppendedEvent>> appended = GroupAppend.appended(group.get(WAIT.toSeconds(), TimeUnit.SECONDS), 2);
            assertEquals(
                    List.of(2L),
                    appended.get(0).stream().map(AppendedEvent::version).toList(),
                    "X claimed");
            assertEquals(List.of(), appended.get(1), "S: a conflict, nothing appended");

            // 5. every version of S was written by a later transaction than the version before it
            List<Long> versions = new ArrayList<>();
            List<Long> xids = new ArrayList<>();
            for (Row r : pool.preparedQuery("select version, transaction_id::text from es_events where stream_id = $1"
                            + " order by version")
                    .execute(Tuple.of(s))
                    .await()
                    .atMost(WAIT)) {
                versions.add(r.getLong(0));
                xids.add(Long.parseLong(r.getString(1)));
            }
            assertEquals(List.of(1L, 2L), versions);
            assertTrue(xids.get(0) < xids.get(1), "commit order is version order: " + xids);
            assertEquals(writerXid, xids.get(1));
        } finally {
            blocker.close().await().atMost(WAIT);
            writer.close().await().atMost(WAIT);
            grouped.close().await().atMost(WAIT);
        }
    }

    @Test
    void aCreationThatWaitedBehindAWriterWithALaterTransactionIdAppendsNothing() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String x = "order-x-" + t;
        String s = "order-new-" + t;
        store.append(Events.request(x, ExpectedVersion.NO_STREAM, 1)).await().atMost(WAIT);
        PgConnection blocker = connect();
        PgConnection writer = connect();
        try {
            run(blocker, "begin");
            blocker.preparedQuery("select 1 from es_streams where stream_id = $1 for update")
                    .execute(Tuple.of(x))
                    .await()
                    .atMost(WAIT);
            // the group (X at 1, S new): its claim on X comes first (the creations follow the moves) and waits
            CompletableFuture<RowSet<Row>> group = pool.preparedQuery(GroupAppend.SQL)
                    .execute(GroupAppend.parameters(
                            List.of(Events.request(x, 1, 1), Events.request(s, ExpectedVersion.NO_STREAM, 1))))
                    .subscribeAsCompletionStage();
            long groupXid = awaitWaitingGroup(pid(blocker));

            // another writer, with a later transaction id, creates S first
            run(writer, "begin");
            long writerXid = xid(writer);
            assertTrue(
                    writerXid > groupXid,
                    "the writer's transaction id " + writerXid + " is later than the group's " + groupXid);
            writer.preparedQuery("insert into es_streams (stream_id, stream_type, version) values ($1, 'tally', 1)")
                    .execute(Tuple.of(s))
                    .await()
                    .atMost(WAIT);
            writer.preparedQuery(
                            "insert into es_events (stream_id, stream_type, version, event_id, event_type,"
                                    + " schema_version, payload, actor) values ($1, 'tally', 1, gen_random_uuid(), 'Ticked', 1, '{}', 'test')")
                    .execute(Tuple.of(s))
                    .await()
                    .atMost(WAIT);
            run(writer, "commit");

            run(blocker, "commit");
            List<List<AppendedEvent>> appended = GroupAppend.appended(group.get(WAIT.toSeconds(), TimeUnit.SECONDS), 2);
            assertEquals(
                    List.of(2L),
                    appended.get(0).stream().map(AppendedEvent::version).toList(),
                    "X claimed");
            assertEquals(List.of(), appended.get(1), "S exists now: a conflict, nothing appended");
            List<Long> xids = new ArrayList<>();
            for (Row r : pool.preparedQuery("select transaction_id::text from es_events where stream_id = $1")
                    .execute(Tuple.of(s))
                    .await()
                    .atMost(WAIT)) {
                xids.add(Long.parseLong(r.getString(0)));
            }
            assertEquals(List.of(writerXid), xids, "S holds only the writer's event");
        } finally {
            blocker.close().await().atMost(WAIT);
            writer.close().await().atMost(WAIT);
        }
    }

    /** The transaction id of the group's statement, once it waits for the blocker's lock. */
    private long awaitWaitingGroup(long blockerPid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            RowSet<Row> rows = pool.preparedQuery(
                            "select backend_xid::text from pg_stat_activity"
                                    + " where $1 = any(pg_blocking_pids(pid)) and query like '%unnest%' and backend_xid is not null")
                    .execute(Tuple.of((int) blockerPid))
                    .await()
                    .atMost(WAIT);
            if (rows.rowCount() == 1) {
                // backend_xid is the 32-bit xid; this database is young, its epoch is 0
                return Long.parseLong(rows.iterator().next().getString(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the group never waited for the blocker (it did not claim X first?)");
    }

    private PgConnection connect() {
        return connections.connect().await().atMost(WAIT);
    }

    private static long pid(PgConnection c) {
        return c.query("select pg_backend_pid()")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getInteger(0);
    }

    private static long xid(PgConnection c) {
        return Long.parseLong(c.query("select pg_current_xact_id()::text")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString(0));
    }

    private static void run(PgConnection c, String sql) {
        c.query(sql).execute().await().atMost(WAIT);
    }
}
