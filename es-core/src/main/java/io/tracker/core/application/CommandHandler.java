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
 */
public final class CommandHandler<C, E, S> {
    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;

    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
        this.store = store;
        this.decider = decider;
        this.codec = codec;
    }

    public Uni<Loaded<S>> load(String streamId) {
        return store.readStream(streamId).onItem().transform(events -> {
            S state = decider.initialState();
            for (StoredEvent e : events) {
                state = decider.evolve(state, codec.decode(e.type(), e.schemaVersion(), e.payload()));
            }
            return new Loaded<>(state, events.isEmpty() ? 0 : events.get(events.size() - 1).version(), events);
        });
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

    private Uni<CommandResult> decideAndAppend(String streamId, C command, Long expectedVersion, CommandContext context) {
        return load(streamId).onItem().transformToUni(loaded -> {
            if (expectedVersion != null && expectedVersion != loaded.version()) {
                throw new WrongExpectedVersionException(streamId, expectedVersion, loaded.version());
            }
            boolean creates = decider.createsStream(command);
            if (!loaded.exists() && !creates) {
                throw new DomainRejectedException(new DomainError(DomainError.Kind.NOT_FOUND, "not-found",
                        codec.streamType() + " '" + streamId + "' does not exist", null));
            }
            if (loaded.exists() && creates) {
                throw new DomainRejectedException(new DomainError(DomainError.Kind.ALREADY_EXISTS, "already-exists",
                        codec.streamType() + " '" + streamId + "' already exists", null));
            }
            Decision<E> decision = decider.decide(command, loaded.state());
            if (decision instanceof Decision.Rejected<E> rejected) {
                throw new DomainRejectedException(rejected.error());
            }
            List<E> events = ((Decision.Accepted<E>) decision).events();
            return store.append(new AppendRequest(streamId, codec.streamType(), loaded.version(), encode(events),
                    context));
        });
    }

    private List<EncodedEvent> encode(List<E> events) {
        List<EncodedEvent> encoded = new ArrayList<>(events.size());
        for (E e : events) {
            encoded.add(codec.encode(e));
        }
        return encoded;
    }
}
