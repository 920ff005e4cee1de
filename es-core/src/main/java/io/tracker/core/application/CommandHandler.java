package io.tracker.core.application;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.messaging.EncodedEvent;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.store.AppendRequest;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.StoredEvent;
import io.tracker.core.store.WrongExpectedVersionException;

/**
 * The one way commands change an aggregate: load the stream, fold it, decide, append the new events at the
 * version that was read. A retried command (same idempotency key) returns the first result and appends nothing.
 * <p>
 * The states of recently written streams are kept folded ({@link StateCache}): a command then reads and folds
 * only the events after the kept version, which the store still checks with the expected version on append.
 */
public final class CommandHandler<C, E, S> {
    /**
     * How many events the kept states may have been folded from, all together, unless a service says otherwise
     * (a few kilobytes of state per event: some tens of megabytes of heap).
     */
    public static final long DEFAULT_CACHED_EVENTS = 20_000;

    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;
    private final StateCache<S> cache;

    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
        this(store, decider, codec, DEFAULT_CACHED_EVENTS);
    }

    /**
     * @param cachedEvents how many events the kept states may have been folded from, all together (0: fold every
     *                     stream from its first event)
     */
    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec, long cachedEvents) {
        this.store = store;
        this.decider = decider;
        this.codec = codec;
        this.cache = new StateCache<>(cachedEvents);
    }

    public Uni<Loaded<S>> load(String streamId) {
        return store.readStream(streamId).onItem().transform(events -> new Loaded<>(
                fold(decider.initialState(), events), events.isEmpty() ? 0 : events.get(events.size() - 1).version(), events));
    }

    /** {@code state} with the stored events folded in, decoded as the codec reads them. */
    private S fold(S state, List<StoredEvent> events) {
        for (StoredEvent e : events) {
            state = decider.evolve(state, codec.decode(e.type(), e.schemaVersion(), e.payload()));
        }
        return state;
    }

    /**
     * @param expectedVersion the version the client last saw (from If-Match), or null when it sent none
     */
    public Uni<CommandResult> handle(String streamId, C command, Long expectedVersion, CommandContext context) {
        if (context.idempotencyKey() == null) {
            return decideAndAppend(streamId, command, expectedVersion, context);
        }
        return store.findByIdempotencyKey(context.idempotencyKey(), context.requestHash())
                .onItem().ifNotNull().transformToUni(first -> Uni.createFrom().item(first))
                .onItem().ifNull().switchTo(() -> decideAndAppend(streamId, command, expectedVersion, context));
    }

    /** The state to decide on: the kept fold plus the events after it, or the whole stream when none is kept. */
    private Uni<StateCache.Entry<S>> current(String streamId) {
        StateCache.Entry<S> kept = cache.get(streamId);
        long after = kept == null ? 0 : kept.version();
        return store.readStream(streamId, after).onItem().transform(events -> {
            if (events.isEmpty()) {
                return kept == null ? new StateCache.Entry<>(0, decider.initialState()) : kept;
            }
            StateCache.Entry<S> entry = new StateCache.Entry<>(events.get(events.size() - 1).version(),
                    fold(kept == null ? decider.initialState() : kept.state(), events));
            cache.put(streamId, entry);
            return entry;
        });
    }

    private Uni<CommandResult> decideAndAppend(String streamId, C command, Long expectedVersion, CommandContext context) {
        return current(streamId).onItem().transformToUni(loaded -> {
            if (expectedVersion != null && expectedVersion != loaded.version()) {
                throw new WrongExpectedVersionException(streamId, expectedVersion, loaded.version());
            }
            boolean creates = decider.createsStream(command);
            boolean exists = loaded.version() > 0;
            if (!exists && !creates) {
                throw new DomainRejectedException(new DomainError(DomainError.Kind.NOT_FOUND, "not-found",
                        codec.streamType() + " '" + streamId + "' does not exist", null));
            }
            if (exists && creates) {
                throw new DomainRejectedException(new DomainError(DomainError.Kind.ALREADY_EXISTS, "already-exists",
                        codec.streamType() + " '" + streamId + "' already exists", null));
            }
            Decision<E> decision = decider.decide(command, loaded.state());
            if (decision instanceof Decision.Rejected<E> rejected) {
                throw new DomainRejectedException(rejected.error());
            }
            List<E> events = ((Decision.Accepted<E>) decision).events();
            List<EncodedEvent> encoded = encode(events);
            return store.append(new AppendRequest(streamId, codec.streamType(), loaded.version(), encoded, context))
                    .invoke(result -> keep(streamId, loaded, encoded, result));
        });
    }

    /**
     * Keeps the state after an append, folded from the events as stored (decoded from their wire form, exactly as
     * a later load would read them); not after a replayed retry, whose events were not the ones decided here.
     */
    private void keep(String streamId, StateCache.Entry<S> before, List<EncodedEvent> events, CommandResult result) {
        if (result.replayed() || result.version() != before.version() + events.size()) {
            return;
        }
        S state = before.state();
        for (EncodedEvent e : events) {
            state = decider.evolve(state, codec.decode(e.type(), e.schemaVersion(), e.json()));
        }
        cache.put(streamId, new StateCache.Entry<>(result.version(), state));
    }

    private List<EncodedEvent> encode(List<E> events) {
        List<EncodedEvent> encoded = new ArrayList<>(events.size());
        for (E e : events) {
            encoded.add(codec.encode(e));
        }
        return encoded;
    }
}
