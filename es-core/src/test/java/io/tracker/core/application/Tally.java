package io.tracker.core.application;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.core.store.EncodedEvent;

/**
 * A minimal aggregate for the handler's tests: a tally that is opened, then added to. Each {@code Added} records
 * the total after it, so a stored event shows the state its command was decided on; adding past the limit is refused
 * (an amount may be negative).
 */
final class Tally {
    static final long LIMIT = 100;

    interface Command {}

    record Open() implements Command {}

    record Add(long amount) implements Command {}

    interface Event {}

    record Opened() implements Event {}

    record Added(long amount, long totalAfter) implements Event {}

    record State(boolean open, long total, int adds) {}

    static final class TallyDecider implements Decider<Command, Event, State> {
        @Override
        public State initialState() {
            return new State(false, 0, 0);
        }

        @Override
        public State evolve(State state, Event event) {
            if (event instanceof Added a) {
                return new State(true, a.totalAfter(), state.adds() + 1);
            }
            return new State(true, state.total(), state.adds());
        }

        @Override
        public Decision<Event> decide(Command command, State state) {
            if (command instanceof Open) {
                return new Decision.Accepted<>(List.of(new Opened()));
            }
            long amount = ((Add) command).amount();
            if (state.total() + amount > LIMIT) {
                return new Decision.Rejected<>(new DomainError(
                        DomainError.Kind.RULE_VIOLATED, "over-limit", "the tally would pass " + LIMIT, null));
            }
            return new Decision.Accepted<>(List.of(new Added(amount, state.total() + amount)));
        }

        @Override
        public boolean createsStream(Command command) {
            return command instanceof Open;
        }
    }

    static final class TallyCodec implements EventCodec<Event> {
        private static final Pattern ADDED = Pattern.compile("\\{\"amount\":(-?\\d+),\"totalAfter\":(-?\\d+)}");

        @Override
        public String streamType() {
            return "tally";
        }

        @Override
        public EncodedEvent encode(Event event) {
            if (event instanceof Added a) {
                return new EncodedEvent(
                        "Added", 1, "{\"amount\":" + a.amount() + ",\"totalAfter\":" + a.totalAfter() + "}", null);
            }
            return new EncodedEvent("Opened", 1, "{}", null);
        }

        @Override
        public Event decode(String type, int schemaVersion, String json) {
            if (type.equals("Opened")) {
                return new Opened();
            }
            Matcher m = ADDED.matcher(json.replace(" ", ""));
            if (!m.matches()) {
                throw new IllegalArgumentException("not an Added payload: " + json);
            }
            return new Added(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
    }

    /** The state as a snapshot: {@code open,total,adds}. */
    static final class TallySnapshots implements SnapshotCodec<State> {
        private final String encoding;

        TallySnapshots(String encoding) {
            this.encoding = encoding;
        }

        @Override
        public String encoding() {
            return encoding;
        }

        @Override
        public String encode(State state) {
            return state.open() + "," + state.total() + "," + state.adds();
        }

        @Override
        public State decode(String snapshot) {
            String[] parts = snapshot.split(",");
            return new State(Boolean.parseBoolean(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        }
    }

    /** Counts the stored events decoded, i.e. read from the store and folded. */
    static final class CountingCodec implements EventCodec<Event> {
        private final TallyCodec codec = new TallyCodec();
        final java.util.concurrent.atomic.AtomicInteger decoded = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String streamType() {
            return codec.streamType();
        }

        @Override
        public EncodedEvent encode(Event event) {
            return codec.encode(event);
        }

        @Override
        public Event decode(String type, int schemaVersion, String json) {
            decoded.incrementAndGet();
            return codec.decode(type, schemaVersion, json);
        }
    }

    private Tally() {}
}
