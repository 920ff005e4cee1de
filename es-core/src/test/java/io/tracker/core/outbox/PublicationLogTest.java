package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.Checkpoint;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.DedicatedConnections;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.ExpectedVersion;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The relay's one read answers both what to publish and whether committed events wait behind a running transaction:
 * an event committed after a transaction of this database that still runs is not final (not published, but the
 * read says it is held back, so the relay looks again soon), and once that transaction ended it is.
 */
@QuarkusTest
class PublicationLogTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Inject
    DedicatedConnections connections;

    @Test
    void anEventBehindARunningTransactionIsReadAsHeldBackAndAsFinalOnceItEnded() {
        PublicationLog log = new PublicationLog(pool);
        Checkpoint before = checkpointOf(store.append(Events.request("before-" + UUID.randomUUID(), 0, 1))
                .await()
                .atMost(WAIT));
        PgConnection here = connections.connect().await().atMost(WAIT);
        try {
            here.query("begin").execute().await().atMost(WAIT);
            here.query("select pg_current_xact_id()").execute().await().atMost(WAIT);
            String stream = "behind-" + UUID.randomUUID();
            CommandResult behind = store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 2))
                    .await()
                    .atMost(WAIT);

            PublicationLog.Page held = log.next(before, 500).await().atMost(WAIT);
            assertTrue(held.events().isEmpty(), "nothing final after the checkpoint: " + held);
            assertTrue(held.heldBack(), "but committed events wait behind the running transaction");
            assertEquals(2, held.rows());
            PublicationLog.Page probe = log.next(before, 1).await().atMost(WAIT);
            assertTrue(probe.heldBack() && probe.events().isEmpty() && probe.rows() == 1, probe.toString());

            here.query("commit").execute().await().atMost(WAIT);

            PublicationLog.Page done = log.next(before, 500).await().atMost(WAIT);
            assertFalse(done.heldBack(), done.toString());
            List<Long> positions = done.events().stream()
                    .filter(e -> e.event().streamId().equals(stream))
                    .map(e -> e.event().position())
                    .toList();
            assertEquals(
                    behind.events().stream().map(e -> e.position()).toList(),
                    positions,
                    "both events, final, in order");
            PublicationLog.Page first = log.next(before, 1).await().atMost(WAIT);
            assertEquals(1, first.events().size());
            assertEquals(
                    behind.events().get(0).position(),
                    first.events().get(0).event().position());
        } finally {
            here.close().await().atMost(WAIT);
        }
    }

    private Checkpoint checkpointOf(CommandResult result) {
        long position = result.events().get(0).position();
        String transaction = pool.preparedQuery("select transaction_id::text from es_events where global_position = $1")
                .execute(Tuple.of(position))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString(0);
        return new Checkpoint(Long.parseLong(transaction), position);
    }
}
