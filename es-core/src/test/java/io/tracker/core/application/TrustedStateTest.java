package io.tracker.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.application.Tally.Add;
import io.tracker.core.application.Tally.Command;
import io.tracker.core.application.Tally.Event;
import io.tracker.core.application.Tally.Open;
import io.tracker.core.application.Tally.State;
import io.tracker.core.store.AppendRequest;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EncodedEvent;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.SnapshotStore;
import io.tracker.core.store.StoredEvent;
import io.tracker.core.store.WrongExpectedVersionException;

/**
 * The handler decides on its kept state without reading the stream, and appends at the kept version; the store's
 * version check catches a kept state another replica made stale, and the handler then reads and decides again.
 * Long streams are loaded from their snapshot.
 */
@QuarkusTest
class TrustedStateTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EventStore store;

    @Inject
    SnapshotStore snapshots;

    private CommandHandler<Command, Event, State> replica() {
        return new CommandHandler<>(store, new Tally.TallyDecider(), new Tally.TallyCodec(), 1_000);
    }

    private static CommandContext context(String key) {
        return new CommandContext(key, key == null ? null : "hash-" + key, "corr", null, "test");
    }

    private static CommandResult run(CommandHandler<Command, Event, State> h, String stream, Command c, Long expected) {
        return h.handle(stream, c, expected, context(null)).await().atMost(WAIT);
    }

    private List<Long> storedTotals(String stream) {
        return store.readStream(stream).await().atMost(WAIT).stream()
                .map(StoredEvent::payload)
                .filter(p -> p.contains("totalAfter"))
                .map(p -> Long.parseLong(p.replaceAll(".*\"totalAfter\": ?(-?\\d+).*", "$1")))
                .toList();
    }

    @Test
    void aKeptStateIsDecidedOnWithoutReadingTheStream() {
        Tally.CountingCodec codec = new Tally.CountingCodec();
        CommandHandler<Command, Event, State> a = new CommandHandler<>(store, new Tally.TallyDecider(), codec, 1_000);
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null); // a creation is decided on the initial state: nothing read
        long reads = a.tailReads();
        assertEquals(0, reads, "a creation reads neither a snapshot nor the stream");
        for (int i = 1; i <= 5; i++) {
            assertEquals(i + 1, run(a, stream, new Add(1), null).version());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), storedTotals(stream));
        assertEquals(reads, a.tailReads(), "no command read the stream: each decided on the state the last one kept");
        assertEquals(0, codec.decoded.get(), "the appended events were folded as decided, never decoded back");
        assertEquals(0, a.conflicts());
        assertEquals(
                7, run(a, stream, new Add(1), 6L).version(), "an If-Match equal to the kept version needs no read");
        assertEquals(reads, a.tailReads());
    }

    /**
     * A creation decided on the initial state without a read: when another replica created the stream first, the
     * claim of a new stream fails, and the stream is read and the command decided again, which refuses it as before
     * (already exists); nothing is appended. With If-Match 0 the failed claim is a precondition failure.
     */
    @Test
    void aCreationOfAStreamAnotherReplicaCreatedIsRefusedAsAlreadyExisting() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(b, stream, new Open(), null);
        run(b, stream, new Add(3), null);

        DomainRejectedException exists =
                assertThrows(DomainRejectedException.class, () -> run(a, stream, new Open(), null));
        assertEquals("already-exists", exists.error().code());
        assertEquals(1, a.conflicts(), "the claim of a new stream lost the race to b's");
        assertEquals(1, a.tailReads(), "read once, after the failed claim");
        assertEquals(List.of(3L), storedTotals(stream), "nothing appended");
        assertEquals(2, store.readStream(stream).await().atMost(WAIT).size());

        CommandHandler<Command, Event, State> c = replica();
        WrongExpectedVersionException stale =
                assertThrows(WrongExpectedVersionException.class, () -> run(c, stream, new Open(), 0L));
        assertEquals(2, stale.currentVersion(), "If-Match 0 on a stream at version 2");
        assertEquals(3, run(a, stream, new Add(1), null).version(), "a decides on the stream it read: 3 + 1");
        assertEquals(List.of(3L, 4L), storedTotals(stream));
    }

    /** Concurrent creations of one stream, each on the initial state: exactly one wins, the others are refused. */
    @Test
    void concurrentCreationsOfOneStreamLetExactlyOneWin() {
        List<CommandHandler<Command, Event, State>> replicas =
                IntStream.range(0, 6).mapToObj(i -> replica()).toList();
        String stream = "tally-" + UUID.randomUUID();
        List<java.util.concurrent.CompletableFuture<String>> all = replicas.stream()
                .map(h -> h.handle(stream, new Open(), null, context(null))
                        .onItem()
                        .transform(r -> "created")
                        .onFailure(DomainRejectedException.class)
                        .recoverWithItem(
                                e -> ((DomainRejectedException) e).error().code())
                        .subscribeAsCompletionStage())
                .toList();
        List<String> outcomes =
                all.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
        assertEquals(5, outcomes.stream().filter("already-exists"::equals).count(), outcomes.toString());
        assertEquals(1, store.readStream(stream).await().atMost(WAIT).size(), "one Opened");
    }

    @Test
    void aStaleKeptStateLosesTheVersionRaceAndTheCommandIsDecidedAgainOnTheStream() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(a, stream, new Add(1), null); // a keeps version 2, total 1
        run(b, stream, new Add(10), null); // b: version 3, total 11; a's kept state is now stale

        CommandResult result = run(a, stream, new Add(5), null);
        assertEquals(4, result.version());
        assertEquals(List.of(1L, 11L, 16L), storedTotals(stream), "decided again on b's event: 11 + 5");
        assertEquals(1, a.conflicts());
        assertEquals(new State(true, 16, 3), a.load(stream).await().atMost(WAIT).state());
        run(b, stream, new Add(4), null); // b is stale now, the same way
        assertEquals(List.of(1L, 11L, 16L, 20L), storedTotals(stream));
    }

    @Test
    void aRejectionOnAStaleKeptStateIsCheckedOnTheStreamBeforeItIsAnswered() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(a, stream, new Add(95), null); // a keeps total 95
        run(b, stream, new Add(-50), null); // the stream is at 45

        assertEquals(4, run(a, stream, new Add(10), null).version(), "95 + 10 would pass the limit, 45 + 10 does not");
        assertEquals(List.of(95L, 45L, 55L), storedTotals(stream));
        DomainRejectedException over = assertThrows(
                DomainRejectedException.class,
                () -> run(a, stream, new Add(50), null),
                "a rejection on a current kept state stands");
        assertEquals("over-limit", over.error().code());
    }

    @Test
    void anIfMatchOnAStaleKeptStateIsAPreconditionFailureAndNotRetried() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(a, stream, new Add(1), null); // a keeps version 2
        run(b, stream, new Add(2), null); // the stream is at 3

        WrongExpectedVersionException stale = assertThrows(
                WrongExpectedVersionException.class,
                () -> run(a, stream, new Add(3), 2L),
                "the client saw version 2: the stream moved on");
        assertEquals(3, stale.currentVersion());
        assertEquals(List.of(1L, 3L), storedTotals(stream), "nothing appended");
        assertEquals(4, run(a, stream, new Add(3), 3L).version());
    }

    /**
     * Two replicas add to one stream at the same time, each from its own kept state: every append is decided on
     * the stream's true state (the totals run without a gap), and none is lost.
     */
    @Test
    void twoReplicasWritingOneStreamConcurrentlyLoseNothing() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(b, stream, new Add(0), null);
        int perReplica = 12;
        List<java.util.concurrent.CompletableFuture<Boolean>> all = new ArrayList<>();
        for (int i = 0; i < perReplica; i++) {
            for (CommandHandler<Command, Event, State> h : List.of(a, b)) {
                all.add(h.handle(stream, new Add(1), null, context(null))
                        .onItem()
                        .transform(r -> true)
                        .onFailure(WrongExpectedVersionException.class)
                        .recoverWithItem(false)
                        .subscribeAsCompletionStage()); // all started before any is answered
            }
        }
        List<Boolean> accepted =
                all.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        long succeeded = accepted.stream().filter(ok -> ok).count();
        List<Long> totals = storedTotals(stream);
        assertEquals(succeeded + 1, totals.size(), "one Added per accepted command, and the first Add(0)");
        assertEquals(
                IntStream.rangeClosed(0, (int) succeeded)
                        .mapToObj(n -> (long) n)
                        .toList(),
                totals,
                "each accepted command decided on every earlier event");
        assertTrue(succeeded > 1, "a lost race is decided again, not answered at once: " + accepted);
        assertTrue(a.conflicts() + b.conflicts() > 0, "the replicas did race");
    }

    @Test
    void anIdempotentRetryOnAStaleKeptStateReturnsTheFirstResult() {
        CommandHandler<Command, Event, State> a = replica();
        CommandHandler<Command, Event, State> b = replica();
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        CommandResult first = a.handle(stream, new Add(1), null, context("key-" + stream))
                .await()
                .atMost(WAIT);
        run(b, stream, new Add(1), null);
        CommandResult retry = a.handle(stream, new Add(1), null, context("key-" + stream))
                .await()
                .atMost(WAIT);
        assertTrue(retry.replayed());
        assertEquals(first.version(), retry.version());
        assertEquals(List.of(1L, 2L), storedTotals(stream));
    }

    /**
     * A stream of thousands of events: the first replica that folds it stores a snapshot; a replica that starts
     * cold then reads the snapshot and decodes only the events after it.
     */
    @Test
    void aColdLoadOfALongStreamReadsOnlyTheEventsAfterItsSnapshot() {
        String stream = "tally-" + UUID.randomUUID();
        store.append(new AppendRequest(
                        stream, "tally", 0, List.of(new EncodedEvent("Opened", 1, "{}", null)), context(null)))
                .await()
                .atMost(WAIT);
        for (int batch = 0; batch < 5; batch++) {
            store.append(new AppendRequest(stream, "tally", 1 + batch * 1000L, added(1000, 0), context(null)))
                    .await()
                    .atMost(WAIT);
        }
        Tally.CountingCodec firstCodec = new Tally.CountingCodec();
        CommandHandler<Command, Event, State> first = snapshotting(firstCodec, "tally.v1");
        assertEquals(5002, run(first, stream, new Add(1), null).version());
        assertEquals(5001, firstCodec.decoded.get(), "no snapshot yet: the whole stream was decoded");
        SnapshotStore.Snapshot snapshot = awaitSnapshot(stream);
        assertEquals(5001, snapshot.version(), "taken from the state the command was decided on");

        store.append(new AppendRequest(stream, "tally", 5002, added(3, 1), context(null)))
                .await()
                .atMost(WAIT);
        Tally.CountingCodec coldCodec = new Tally.CountingCodec();
        CommandHandler<Command, Event, State> cold = snapshotting(coldCodec, "tally.v1");
        CommandResult result = run(cold, stream, new Add(2), null);
        assertEquals(5006, result.version());
        assertEquals(4, coldCodec.decoded.get(), "only the 4 events after the snapshot were decoded");
        assertEquals(List.of(1L, 1L, 1L, 1L, 3L), storedTotals(stream).subList(5000, 5005));

        Tally.CountingCodec otherCodec = new Tally.CountingCodec();
        CommandHandler<Command, Event, State> newEncoding = snapshotting(otherCodec, "tally.v2");
        assertEquals(5007, run(newEncoding, stream, new Add(1), null).version());
        assertEquals(5006, otherCodec.decoded.get(), "a snapshot of another encoding is ignored: the stream is folded");
        assertEquals(4, storedTotals(stream).get(5005));
    }

    private CommandHandler<Command, Event, State> snapshotting(Tally.CountingCodec codec, String encoding) {
        return new CommandHandler<>(
                store,
                new Tally.TallyDecider(),
                codec,
                new KeptStates<>(1_000_000, s -> 64, snapshots, new Tally.TallySnapshots(encoding), 1000));
    }

    private SnapshotStore.Snapshot awaitSnapshot(String stream) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SnapshotStore.Snapshot s = snapshots.read(stream).await().atMost(WAIT);
            if (s != null) {
                return s;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no snapshot of " + stream);
    }

    private static List<EncodedEvent> added(int count, long total) {
        List<EncodedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new EncodedEvent("Added", 1, "{\"amount\":0,\"totalAfter\":" + total + "}", null));
        }
        return events;
    }
}
