package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class EventStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Test
    void appendsAndReadsAStreamInVersionOrder() {
        String stream = "read-" + UUID.randomUUID();
        CommandResult first = store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 2))
                .await()
                .atMost(WAIT);
        CommandResult second =
                store.append(Events.request(stream, 2, 3)).await().atMost(WAIT);

        assertEquals(2, first.version());
        assertEquals(5, second.version());
        assertEquals(
                List.of(3L, 4L, 5L),
                second.events().stream().map(e -> e.version()).toList());
        List<StoredEvent> events = store.readStream(stream).await().atMost(WAIT);
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L),
                events.stream().map(StoredEvent::version).toList());
        assertEquals("2026-01-29", events.get(0).occurredOn());
        assertEquals("corr-1", events.get(0).correlationId());
        assertEquals("test", events.get(0).actor());
        assertEquals(5L, store.streamVersion(stream).await().atMost(WAIT));
        // time-ordered ids (EventIds): version 7, ascending with the versions as PostgreSQL orders uuids
        events.forEach(e -> assertEquals(7, e.eventId().version(), e.eventId().toString()));
        List<UUID> ids = events.stream().map(StoredEvent::eventId).toList();
        assertEquals(ids, sortedInDatabase(ids), "PostgreSQL orders the ids as the events were appended");
    }

    private List<UUID> sortedInDatabase(List<UUID> ids) {
        return pool
                .preparedQuery("select id from unnest($1::uuid[]) as id order by id")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .await()
                .atMost(WAIT)
                .stream()
                .map(r -> r.getUUID(0))
                .toList();
    }

    @Test
    void parallelAppendsAtTheSameExpectedVersionLetExactlyOneWin() throws Exception {
        String stream = "race-" + UUID.randomUUID();
        store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return store.append(Events.request(stream, 1, 2)).await().atMost(WAIT);
                } catch (WrongExpectedVersionException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        int won = 0;
        int conflicts = 0;
        for (Future<Object> f : outcomes) {
            Object outcome = f.get();
            if (outcome instanceof CommandResult r) {
                won++;
                assertEquals(3, r.version());
            } else {
                conflicts++;
                WrongExpectedVersionException e = assertInstanceOf(WrongExpectedVersionException.class, outcome);
                assertEquals(3, e.currentVersion(), "the conflict carries the stream's current version");
                assertEquals(1, e.expectedVersion());
            }
        }
        pool.shutdown();
        assertEquals(1, won);
        assertEquals(writers - 1, conflicts);
        assertEquals(3, store.readStream(stream).await().atMost(WAIT).size());
    }

    @Test
    void aNewStreamCanBeCreatedOnlyOnce() {
        String stream = "create-" + UUID.randomUUID();
        store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        WrongExpectedVersionException e = assertThrows(WrongExpectedVersionException.class, () -> store.append(
                        Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT));
        assertEquals(1, e.currentVersion());
    }

    @Test
    void anIdempotentRetryReturnsTheFirstResultAndAppendsNothing() {
        String stream = "idem-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        AppendRequest request = new AppendRequest(
                stream, "tally", ExpectedVersion.NO_STREAM, Events.ticks(2, "x"), Events.context(key, "hash-a"));
        CommandResult first = store.append(request).await().atMost(WAIT);
        // the retry carries the same stale expected version: it is answered from the key, not refused
        CommandResult retry = store.append(request).await().atMost(WAIT);
        CommandResult looked = store.findByIdempotencyKey(key, "hash-a").await().atMost(WAIT);

        assertFalse(first.replayed());
        assertTrue(retry.replayed());
        assertEquals(first.events(), retry.events());
        assertEquals(first.events(), looked.events());
        assertEquals(2, store.readStream(stream).await().atMost(WAIT).size());

        AppendRequest other =
                new AppendRequest(stream, "tally", 2, Events.ticks(1, "y"), Events.context(key, "hash-b"));
        assertThrows(
                IdempotencyKeyReusedException.class,
                () -> store.append(other).await().atMost(WAIT));
        assertEquals(2, store.readStream(stream).await().atMost(WAIT).size());
    }

    @Test
    void concurrentRetriesWithOneKeyAppendOnce() throws Exception {
        String stream = "idem-race-" + UUID.randomUUID();
        store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        String key = "key-" + UUID.randomUUID();
        int retries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < retries; i++) {
            // ANY: the retries do not collide on the version, only on the key
            results.add(pool.submit(() -> {
                go.await();
                return store.append(new AppendRequest(
                                stream, "tally", ExpectedVersion.ANY, Events.ticks(1, "r"), Events.context(key, "h")))
                        .await()
                        .atMost(WAIT);
            }));
        }
        go.countDown();
        List<CommandResult> all = new ArrayList<>();
        for (Future<CommandResult> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, all.stream().filter(r -> !r.replayed()).count());
        assertTrue(all.stream().allMatch(r -> r.events().equals(all.get(0).events())));
        assertEquals(2, store.readStream(stream).await().atMost(WAIT).size());
    }

    @Test
    void emptyOrBadRequestsAreRefusedBeforeTouchingTheDatabase() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AppendRequest("s", "tally", 0, List.<EncodedEvent>of(), Events.context(null, null)));
        assertThrows(IllegalArgumentException.class, () -> new EncodedEvent("T", 0, "{}", null));
    }
}
