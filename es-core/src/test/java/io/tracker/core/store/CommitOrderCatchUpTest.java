package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Under concurrent writers the sequence order is not the commit order: a transaction can take position 10,
 * stay open, and commit after position 11 was committed and read. A reader that pages by position alone
 * skips position 10 for ever. These tests prove the catch-up read never does.
 */
@QuarkusTest
class CommitOrderCatchUpTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Test
    void aSlowTransactionHoldsTheReaderBackInsteadOfBeingSkipped() {
        Checkpoint start = drain(Checkpoint.START, new ArrayList<>());

        // a slow writer takes a position and does not commit yet
        SqlConnection slow = pool.getConnection().await().atMost(WAIT);
        Transaction tx = slow.begin().await().atMost(WAIT);
        String slowStream = "slow-" + UUID.randomUUID();
        slow.query("insert into es_events (stream_id, stream_type, version, event_id, event_type, schema_version,"
                        + " payload, actor) values ('" + slowStream
                        + "', 'tally', 1, gen_random_uuid(), 'Ticked', 1, '{}',"
                        + " 'test')")
                .execute()
                .await()
                .atMost(WAIT);

        // a fast writer commits a later position
        String fastStream = "fast-" + UUID.randomUUID();
        store.append(Events.request(fastStream, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        long fastPosition =
                store.readStream(fastStream).await().atMost(WAIT).get(0).position();

        List<StoredEvent> seen = new ArrayList<>();
        Checkpoint held = drain(start, seen);
        assertTrue(
                seen.stream().noneMatch(e -> e.streamId().equals(fastStream)),
                "the fast event must wait until the slower, earlier transaction ends");
        // what a naive reader (position > last seen) would already have read, stepping over the slow one
        long naive = pool.query("select count(*) from es_events where global_position >= " + fastPosition)
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
        assertTrue(naive >= 1);

        tx.commit().await().atMost(WAIT);
        slow.close().await().atMost(WAIT);
        drain(held, seen);
        List<String> streams = seen.stream().map(StoredEvent::streamId).toList();
        assertTrue(streams.contains(slowStream), "the slow event is read once it commits");
        assertTrue(streams.contains(fastStream));
        assertTrue(streams.indexOf(slowStream) < streams.indexOf(fastStream), "commit order: the slow one first");
    }

    @Test
    void aReaderPagingUnderManyConcurrentWritersSeesEveryEventOnce() throws Exception {
        readUnderConcurrentWriters(false);
    }

    @Test
    void aReaderPagingUnderWritersWhoseAppendsAreGroupedSeesEveryEventOnceInStreamOrder() throws Exception {
        readUnderConcurrentWriters(true);
    }

    private void readUnderConcurrentWriters(boolean expectedVersions) throws Exception {
        Checkpoint start = drain(Checkpoint.START, new ArrayList<>());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        int writers = 8;
        int appendsPerWriter = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writes.add(threads.submit(() -> {
                long[] versions = new long[5];
                for (int i = 0; i < appendsPerWriter; i++) {
                    String stream = tag + "-w" + writer + "-s" + (i % 5);
                    int n = 1 + i % 3;
                    // at expected versions the appends of the writers are grouped; at ANY each goes alone
                    store.append(new AppendRequest(
                                    stream,
                                    "tally",
                                    expectedVersions ? versions[i % 5] : ExpectedVersion.ANY,
                                    Events.ticks(n, tag),
                                    Events.context(null, null)))
                            .await()
                            .atMost(WAIT);
                    versions[i % 5] += n;
                }
                return null;
            }));
        }
        List<StoredEvent> seen = new ArrayList<>();
        Future<Checkpoint> reader = threads.submit(() -> {
            Checkpoint at = start;
            while (writing.get()) {
                at = drain(at, seen);
            }
            return drain(at, seen);
        });
        for (Future<?> f : writes) {
            f.get();
        }
        writing.set(false);
        reader.get();
        threads.shutdown();

        List<StoredEvent> mine =
                seen.stream().filter(e -> e.streamId().startsWith(tag)).toList();
        long written = pool.query("select count(*) from es_events where stream_id like '" + tag + "-%'")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
        Set<UUID> ids = new HashSet<>();
        mine.forEach(e -> ids.add(e.eventId()));
        assertEquals(written, mine.size(), "every committed event was read");
        assertEquals(mine.size(), ids.size(), "and none twice");
        // each stream's events come in version order
        mine.stream().map(StoredEvent::streamId).distinct().forEach(stream -> {
            List<Long> versions = mine.stream()
                    .filter(e -> e.streamId().equals(stream))
                    .map(StoredEvent::version)
                    .toList();
            for (int i = 0; i < versions.size(); i++) {
                assertEquals(i + 1L, versions.get(i), stream);
            }
        });
    }

    private Checkpoint drain(Checkpoint from, List<StoredEvent> into) {
        Checkpoint at = from;
        while (true) {
            CatchUpPage page = store.readAll(at, 100).await().atMost(WAIT);
            into.addAll(page.events());
            if (page.events().isEmpty()) {
                return at;
            }
            at = page.next();
        }
    }
}
