package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Group commit: the appends that wait while a group is written go together as the next group, in one
 * transaction, and each one still succeeds or fails on its own. A group is formed deterministically here: a
 * row lock held by the test keeps one append (a group of its own) waiting in PostgreSQL, the appends under test
 * queue behind it, and releasing the lock lets them go as the next group.
 */
@QuarkusTest
class GroupCommitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Test
    void aGroupMixingAConflictReusedKeysARaceAndGoodCommandsFailsOnlyTheBadOnes() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String atOne = "g-conflict-" + t;
        String keyed = "g-keyed-" + t;
        String existing = "g-existing-" + t;
        String race = "g-race-" + t;
        store.append(Events.request(atOne, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        store.append(Events.request(existing, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        store.append(Events.request(race, ExpectedVersion.NO_STREAM, 1)).await().atMost(WAIT);
        String firstKey = "k1-" + t;
        AppendRequest first = new AppendRequest(
                keyed, "tally", ExpectedVersion.NO_STREAM, Events.ticks(2, "k"), Events.context(firstKey, "h1"));
        CommandResult firstResult = store.append(first).await().atMost(WAIT);
        String twiceKey = "k3-" + t;
        AppendRequest twice = new AppendRequest(
                "g-twice-" + t,
                "tally",
                ExpectedVersion.NO_STREAM,
                Events.ticks(1, "d"),
                Events.context(twiceKey, "h3"));

        Map<String, AppendRequest> mix = new LinkedHashMap<>();
        mix.put("good new", Events.request("g-new-" + t, ExpectedVersion.NO_STREAM, 2));
        mix.put(
                "good existing, new key",
                new AppendRequest(existing, "tally", 1, Events.ticks(1, "e"), Events.context("k2-" + t, "h2")));
        mix.put("conflict", Events.request(atOne, 5, 1));
        mix.put(
                "reused key",
                new AppendRequest(
                        "g-reuse-" + t,
                        "tally",
                        ExpectedVersion.NO_STREAM,
                        Events.ticks(1, "r"),
                        Events.context(firstKey, "other")));
        mix.put("retry of an accepted command", first);
        mix.put("race a", Events.request(race, 1, 1));
        mix.put("race b", Events.request(race, 1, 1));
        mix.put("same key twice, first", twice);
        mix.put("same key twice, second", twice);
        mix.put("good new 2", Events.request("g-new2-" + t, ExpectedVersion.NO_STREAM, 3));

        Map<String, CompletableFuture<CommandResult>> outcomes = inOneGroup(mix);

        CommandResult good = outcomes.get("good new").join();
        CommandResult good2 = outcomes.get("good new 2").join();
        CommandResult goodExisting = outcomes.get("good existing, new key").join();
        assertEquals(2, good.version());
        assertEquals(3, good2.version());
        assertEquals(2, goodExisting.version());
        assertFalse(good.replayed());
        WrongExpectedVersionException conflict = failure(outcomes.get("conflict"), WrongExpectedVersionException.class);
        assertEquals(1, conflict.currentVersion());
        assertEquals(5, conflict.expectedVersion());
        failure(outcomes.get("reused key"), IdempotencyKeyReusedException.class);
        assertEquals(0L, store.streamVersion("g-reuse-" + t).await().atMost(WAIT), "a reused key appends nothing");
        CommandResult retry = outcomes.get("retry of an accepted command").join();
        assertTrue(retry.replayed());
        assertEquals(firstResult.events(), retry.events());
        assertEquals(2, store.readStream(keyed).await().atMost(WAIT).size());

        // one expected version, two writers: one wins, the other gets the conflict with the current version
        List<Object> raced = List.of(settle(outcomes.get("race a")), settle(outcomes.get("race b")));
        assertEquals(1, raced.stream().filter(o -> o instanceof CommandResult).count(), "one wins: " + raced);
        WrongExpectedVersionException lost = (WrongExpectedVersionException) raced.stream()
                .filter(o -> o instanceof WrongExpectedVersionException)
                .findFirst()
                .orElseThrow();
        assertEquals(2, lost.currentVersion());
        assertEquals(2, store.readStream(race).await().atMost(WAIT).size());

        // a retry inside the group: appended once, both answered with the same events
        CommandResult once = outcomes.get("same key twice, first").join();
        CommandResult again = outcomes.get("same key twice, second").join();
        assertEquals(once.events(), again.events());
        assertEquals(
                1, List.of(once, again).stream().filter(CommandResult::replayed).count());
        assertEquals(1, store.readStream("g-twice-" + t).await().atMost(WAIT).size());

        // the good ones were written by one transaction: one commit for the group
        assertEquals(1, transactions(List.of(good, good2, goodExisting)), "the group's appends share one transaction");
    }

    @Test
    void eachAppendOfAGroupStoresTheTraceparentOfItsOwnCommand() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Map<String, AppendRequest> mix = new LinkedHashMap<>();
        // each request is made inside its command's span, as the handler makes it; the group is written later,
        // from another append's completion, where neither span is current
        mix.put("tr-a-" + t, tracedRequest("tr-a-" + t, "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
        mix.put("tr-none-" + t, Events.request("tr-none-" + t, ExpectedVersion.NO_STREAM, 1));
        mix.put("tr-b-" + t, tracedRequest("tr-b-" + t, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));

        Map<String, CompletableFuture<CommandResult>> outcomes = inOneGroup(mix);

        assertEquals(
                1,
                transactions(
                        outcomes.values().stream().map(CompletableFuture::join).toList()),
                "one group");
        assertEquals(
                List.of(
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
                traceparents("tr-a-" + t));
        assertEquals(Collections.singletonList(null), traceparents("tr-none-" + t), "an untraced command stores none");
        assertEquals(
                List.of(
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                traceparents("tr-b-" + t));
    }

    private static AppendRequest tracedRequest(String stream, String traceId, String spanId) {
        SpanContext command =
                SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
        try (Scope scope = Span.wrap(command).makeCurrent()) {
            return Events.request(stream, ExpectedVersion.NO_STREAM, 2);
        }
    }

    private List<String> traceparents(String stream) {
        List<String> stored = new ArrayList<>();
        pool.preparedQuery("select traceparent from es_events where stream_id = $1 order by version")
                .execute(Tuple.of(stream))
                .await()
                .atMost(WAIT)
                .forEach(row -> stored.add(row.getString(0)));
        return stored;
    }

    @Test
    void anAppendThatFailsInPostgresqlFailsAloneAndTheRestOfItsGroupIsWritten() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Map<String, AppendRequest> mix = new LinkedHashMap<>();
        mix.put("good", Events.request("f-good-" + t, ExpectedVersion.NO_STREAM, 1));
        mix.put(
                "not json",
                new AppendRequest(
                        "f-bad-" + t,
                        "tally",
                        ExpectedVersion.NO_STREAM,
                        List.of(new EncodedEvent("Ticked", 1, "{not json", null)),
                        Events.context(null, null)));
        mix.put(
                "good keyed",
                new AppendRequest(
                        "f-keyed-" + t,
                        "tally",
                        ExpectedVersion.NO_STREAM,
                        Events.ticks(2, "x"),
                        Events.context("fk-" + t, "h")));

        Map<String, CompletableFuture<CommandResult>> outcomes = inOneGroup(mix);

        assertEquals(1, outcomes.get("good").join().version());
        assertEquals(2, outcomes.get("good keyed").join().version());
        assertEquals(
                "22P02", failure(outcomes.get("not json"), PgException.class).getSqlState());
        assertEquals(0L, store.streamVersion("f-bad-" + t).await().atMost(WAIT));
        assertTrue(store.findByIdempotencyKey("fk-" + t, "h").await().atMost(WAIT) != null);
    }

    @Test
    void writersInTwoServiceReplicasAtOneExpectedVersionLetOneWinWhileTheirGroupsCarryOtherAppends() throws Exception {
        // a second store with its own group commit: another replica of the service, on the same database
        EventStore replica = new EventStore(pool, 64, 1000, new SimpleMeterRegistry());
        String t = UUID.randomUUID().toString().substring(0, 8);
        int rounds = 20;
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            int grouped = 0;
            for (int round = 0; round < rounds; round++) {
                String contested = "x-" + t + "-" + round;
                store.append(Events.request(contested, ExpectedVersion.NO_STREAM, 1))
                        .await()
                        .atMost(WAIT);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Object>> contest = new ArrayList<>();
                List<Future<Object>> fillers = new ArrayList<>();
                for (EventStore s : List.of(store, replica)) {
                    for (int f = 0; f < 3; f++) {
                        String filler = "x-fill-" + t + "-" + round + "-" + f + "-" + (s == store ? "a" : "b");
                        fillers.add(callers.submit(
                                () -> attempt(go, s, Events.request(filler, ExpectedVersion.NO_STREAM, 1))));
                    }
                    contest.add(callers.submit(() -> attempt(go, s, Events.request(contested, 1, 2))));
                }
                go.countDown();
                List<Object> results = new ArrayList<>();
                for (Future<Object> f : contest) {
                    results.add(f.get());
                }
                for (Future<Object> f : fillers) {
                    assertInstanceOf(CommandResult.class, f.get(), "every other append of the groups succeeds");
                }
                assertEquals(
                        1,
                        results.stream().filter(r -> r instanceof CommandResult).count(),
                        "one wins: " + results);
                WrongExpectedVersionException e = (WrongExpectedVersionException) results.stream()
                        .filter(r -> r instanceof WrongExpectedVersionException)
                        .findFirst()
                        .orElseThrow();
                assertEquals(3, e.currentVersion());
                assertEquals(3, store.readStream(contested).await().atMost(WAIT).size());
                CommandResult won = (CommandResult) results.stream()
                        .filter(r -> r instanceof CommandResult)
                        .findFirst()
                        .orElseThrow();
                if (streamsOfTransactionOf(won.events().get(0).position()) > 1) {
                    grouped++;
                }
            }
            assertTrue(grouped > 0, "at least one winning append was written in a group with others");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anIdempotentRetryInALaterGroupReturnsTheFirstResult() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        AppendRequest request = new AppendRequest(
                "r-" + t, "tally", ExpectedVersion.NO_STREAM, Events.ticks(2, "x"), Events.context("rk-" + t, "h"));
        Map<String, AppendRequest> mix = new LinkedHashMap<>();
        mix.put("first", request);
        mix.put("other", Events.request("r-other-" + t, ExpectedVersion.NO_STREAM, 1));
        CommandResult first = inOneGroup(mix).get("first").join();
        Map<String, AppendRequest> later = new LinkedHashMap<>();
        later.put("retry", request);
        later.put("other", Events.request("r-other2-" + t, ExpectedVersion.NO_STREAM, 1));
        CommandResult retry = inOneGroup(later).get("retry").join();
        assertTrue(retry.replayed());
        assertEquals(first.events(), retry.events());
        assertEquals(2, store.readStream("r-" + t).await().atMost(WAIT).size());
    }

    /** Submits the appends while another group is held in PostgreSQL, so that they all go as the next group. */
    private Map<String, CompletableFuture<CommandResult>> inOneGroup(Map<String, AppendRequest> appends) {
        String blocker = "g-blocker-" + UUID.randomUUID();
        store.append(Events.request(blocker, ExpectedVersion.NO_STREAM, 1))
                .await()
                .atMost(WAIT);
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        Transaction tx = holder.begin().await().atMost(WAIT);
        Map<String, CompletableFuture<CommandResult>> outcomes = new LinkedHashMap<>();
        try {
            holder.preparedQuery("select 1 from es_streams where stream_id = $1 for update")
                    .execute(Tuple.of(blocker))
                    .await()
                    .atMost(WAIT);
            CompletableFuture<CommandResult> held =
                    store.append(Events.request(blocker, 1, 1)).subscribeAsCompletionStage();
            awaitWaiting(0); // the held append left the queue: it is the group in flight
            appends.forEach(
                    (name, request) -> outcomes.put(name, store.append(request).subscribeAsCompletionStage()));
            awaitWaiting(appends.size());
            tx.rollback().await().atMost(WAIT);
            held.join();
        } finally {
            holder.close().await().atMost(WAIT);
        }
        outcomes.values().forEach(f -> settle(f));
        return outcomes;
    }

    private void awaitWaiting(int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.waitingForGroup() != n) {
            assertTrue(System.nanoTime() < deadline, "appends waiting for the next group: " + store.waitingForGroup());
            Thread.onSpinWait();
        }
    }

    private long transactions(List<CommandResult> results) {
        Long[] positions = results.stream()
                .flatMap(r -> r.events().stream())
                .map(e -> e.position())
                .toArray(Long[]::new);
        return pool.preparedQuery(
                        "select count(distinct transaction_id::text) from es_events where global_position = any($1)")
                .execute(Tuple.of(positions))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    private long streamsOfTransactionOf(long position) {
        return pool.preparedQuery("select count(distinct stream_id) from es_events where transaction_id ="
                        + " (select transaction_id from es_events where global_position = $1)")
                .execute(Tuple.of(position))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    private static Object attempt(CountDownLatch go, EventStore s, AppendRequest r) throws InterruptedException {
        go.await();
        try {
            return s.append(r).await().atMost(WAIT);
        } catch (WrongExpectedVersionException e) {
            return e;
        }
    }

    private static Object settle(CompletableFuture<CommandResult> f) {
        try {
            return f.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T extends Throwable> T failure(CompletableFuture<CommandResult> f, Class<T> type) {
        Object outcome = settle(f);
        if (outcome instanceof CompletionException c) {
            outcome = c.getCause();
        }
        return assertInstanceOf(type, outcome, "outcome: " + outcome);
    }
}
