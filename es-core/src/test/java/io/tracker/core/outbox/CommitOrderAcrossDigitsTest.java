package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.CatchUpPage;
import io.tracker.core.store.Checkpoint;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.StoredEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The commit-order reads (the relay's {@link PublicationLog#next} and {@link EventStore#readAll}) across a power of
 * ten of the transaction id. Their select list has {@code transaction_id::text}, named {@code transaction_id}, and
 * a bare {@code order by transaction_id} sorted by that text: "1000" before "999". The relay then sent a stream's
 * later events first and, taking the last of such a page as its checkpoint, moved back and sent them again (seen
 * as OutboxRelayTest's inversions: 19-20, then 17-18, then 19-20). Here a stream's appends are made to straddle
 * the next power of ten of the transaction id (transaction ids are used up by a procedure that commits in a loop),
 * and both reads, paged with their own checkpoints, must give every version once, in order.
 */
@QuarkusTest
class CommitOrderAcrossDigitsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int APPENDS = 60;

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Test
    void aStreamWhoseTransactionIdsGainADigitIsReadInVersionOrder() {
        String stream = "digits-" + UUID.randomUUID();
        long power = straddleTheNextPowerOfTen();
        for (int v = 0; v < APPENDS; v++) {
            store.append(Events.request(stream, v, 1)).await().atMost(WAIT);
        }
        Row range = pool.preparedQuery("select min(transaction_id)::text, max(transaction_id)::text from es_events"
                        + " where stream_id = $1")
                .execute(Tuple.of(stream))
                .await()
                .atMost(WAIT)
                .iterator()
                .next();
        long first = Long.parseLong(range.getString(0));
        long last = Long.parseLong(range.getString(1));
        assertTrue(first < power && last >= power, "the appends straddle " + power + ": " + first + ".." + last);
        Checkpoint before = new Checkpoint(first - 1, Long.MAX_VALUE);

        PublicationLog log = new PublicationLog(pool);
        assertEquals(
                versions(),
                read(stream, before, c -> log.next(c, 7).await().atMost(WAIT).events().stream()
                        .map(PendingEntry::event)
                        .toList()),
                "what the relay publishes, page by page");
        assertEquals(
                versions(),
                read(
                        stream,
                        before,
                        c -> store.readAll(c, 7).await().atMost(WAIT).events()),
                "readAll, page by page");
        CatchUpPage page = store.readAll(before, 1_000).await().atMost(WAIT);
        StoredEvent lastRead = page.events().get(page.events().size() - 1);
        assertEquals(new Checkpoint(Long.parseLong(lastRead.transactionId()), lastRead.position()), page.next());
        assertTrue(Long.parseLong(lastRead.transactionId()) >= last, "the page ends at the newest transaction");
    }

    /** Uses up transaction ids until the next one is a little below a power of ten; returns that power. */
    private long straddleTheNextPowerOfTen() {
        pool.query("create or replace procedure test_use_up_xids(n bigint) language plpgsql as $$"
                        + " begin for i in 1..n loop perform pg_current_xact_id(); commit; end loop; end $$")
                .execute()
                .await()
                .atMost(WAIT);
        long current = Long.parseLong(pool.query("select pg_current_xact_id()::text")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getString(0));
        long power = 10;
        while (power - current < 2L * APPENDS) {
            power *= 10;
        }
        pool.query("call test_use_up_xids(" + (power - current - APPENDS / 3) + ")")
                .execute()
                .await()
                .atMost(WAIT);
        return power;
    }

    private static List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= APPENDS; v++) {
            versions.add(v);
        }
        return versions;
    }

    /** The stream's versions in the order a reader paging with the last event's checkpoint gets them. */
    private static List<Long> read(String stream, Checkpoint from, Function<Checkpoint, List<StoredEvent>> page) {
        List<Long> versions = new ArrayList<>();
        Checkpoint at = from;
        for (int pages = 0; pages < 10_000; pages++) {
            List<StoredEvent> events = page.apply(at);
            if (events.isEmpty()) {
                return versions;
            }
            for (StoredEvent e : events) {
                if (e.streamId().equals(stream)) {
                    versions.add(e.version());
                }
            }
            StoredEvent last = events.get(events.size() - 1);
            at = new Checkpoint(Long.parseLong(last.transactionId()), last.position());
        }
        throw new AssertionError("the reader never reached the end (its checkpoint went back): " + versions);
    }
}
