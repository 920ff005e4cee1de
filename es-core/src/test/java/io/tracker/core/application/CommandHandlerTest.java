package io.tracker.core.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.application.Tally.Add;
import io.tracker.core.application.Tally.Command;
import io.tracker.core.application.Tally.Event;
import io.tracker.core.application.Tally.Open;
import io.tracker.core.application.Tally.State;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.StoredEvent;
import io.tracker.core.store.WrongExpectedVersionException;

/**
 * The generic handler on the real store, with two handlers standing for two replicas of a service: each keeps
 * the folded state of the streams it wrote, and must still decide on every event the other one appended.
 */
@QuarkusTest
class CommandHandlerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    private CommandHandler<Command, Event, State> replica(long cachedEvents) {
        return new CommandHandler<>(store, new Tally.TallyDecider(), new Tally.TallyCodec(), cachedEvents);
    }

    private static CommandContext context() {
        return new CommandContext(null, null, "corr", null, "test");
    }

    private CommandResult run(CommandHandler<Command, Event, State> h, String stream, Command c, Long expected) {
        return h.handle(stream, c, expected, context()).await().atMost(WAIT);
    }

    /** The totals the stored Added events recorded, i.e. the state each command was decided on plus its amount. */
    private List<String> storedTotals(String stream) {
        return store.readStream(stream).await().atMost(WAIT).stream()
                .map(StoredEvent::payload)
                .filter(p -> p.contains("totalAfter"))
                .map(p -> p.replaceAll(".*\"totalAfter\": ?(\\d+).*", "$1"))
                .toList();
    }

    @Test
    void aReplicaDecidesOnTheEventsAnotherReplicaAppendedAfterItsKeptState() {
        CommandHandler<Command, Event, State> a = replica(100);
        CommandHandler<Command, Event, State> b = replica(100);
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(a, stream, new Add(1), null); // a keeps the state at version 2
        run(b, stream, new Add(10), null); // b reads the whole stream: version 3, total 11
        CommandResult third = run(a, stream, new Add(100 - 11), null); // a must see b's event: 11 + 89 = 100

        assertEquals(4, third.version());
        assertEquals(List.of("1", "11", "100"), storedTotals(stream));
        DomainRejectedException over = assertThrows(
                DomainRejectedException.class,
                () -> run(b, stream, new Add(1), null),
                "b must see a's last event too: the tally is at its limit");
        assertEquals("over-limit", over.error().code());
        assertEquals(State.class, a.load(stream).await().atMost(WAIT).state().getClass());
        assertEquals(
                new State(true, 100, 3), a.load(stream).await().atMost(WAIT).state());
    }

    @Test
    void anIfMatchIsCheckedAgainstTheStoreNotAgainstTheKeptState() {
        CommandHandler<Command, Event, State> a = replica(100);
        CommandHandler<Command, Event, State> b = replica(100);
        String stream = "tally-" + UUID.randomUUID();
        run(a, stream, new Open(), null);
        run(a, stream, new Add(1), 1L); // a keeps version 2
        run(b, stream, new Add(2), 2L); // the stream moves to 3 behind a's back

        WrongExpectedVersionException stale =
                assertThrows(WrongExpectedVersionException.class, () -> run(a, stream, new Add(3), 2L));
        assertEquals(3, stale.currentVersion());
        assertEquals(4, run(a, stream, new Add(3), 3L).version());
        assertEquals(List.of("1", "3", "6"), storedTotals(stream));
    }

    @Test
    void keptStatesDecideExactlyAsFoldingEveryStreamFromItsStart() {
        CommandHandler<Command, Event, State> kept = replica(8); // room for one stream's state: the others are evicted
        CommandHandler<Command, Event, State> folding = replica(0);
        List<String> streams =
                List.of("tally-" + UUID.randomUUID(), "tally-" + UUID.randomUUID(), "tally-" + UUID.randomUUID());
        for (String s : streams) {
            run(kept, s, new Open(), null);
        }
        for (int round = 1; round <= 4; round++) {
            for (String s : streams) {
                run(round % 2 == 0 ? kept : folding, s, new Add(round), null);
            }
        }
        for (String s : streams) {
            assertEquals(List.of("1", "3", "6", "10"), storedTotals(s));
            assertEquals(
                    new State(true, 10, 4), folding.load(s).await().atMost(WAIT).state());
        }
        DomainRejectedException exists =
                assertThrows(DomainRejectedException.class, () -> run(kept, streams.get(0), new Open(), null));
        assertEquals("already-exists", exists.error().code());
        DomainRejectedException missing = assertThrows(
                DomainRejectedException.class, () -> run(kept, "tally-" + UUID.randomUUID(), new Add(1), null));
        assertEquals("not-found", missing.error().code());
    }
}
