package io.tracker.core.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.core.domain.Decider;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.store.AppendRequest;
import io.tracker.core.store.AppendedEvent;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EncodedEvent;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.ExpectedVersion;
import io.tracker.core.store.WrongExpectedVersionException;
import io.tracker.core.tracing.LogContext;

/**
 * The one way commands change an aggregate: take the stream's state, decide, append the new events at the
 * version the state was folded to. A retried command (same idempotency key) returns the first result and
 * appends nothing.
 * <p>
 * The states of recently written streams are kept folded ({@link StateCache}) and trusted: a command decides on
 * the kept state and appends at its version without reading the stream. The store's version check is the
 * proof: when another replica appended meanwhile the append fails, and the handler then reads the events
 * after the kept state, folds them and decides again (at most {@link #ATTEMPTS} times in all; with an If-Match
 * the client's version is checked instead, as always). A rejection decided on a trusted state is checked the
 * same way before it is answered, since the events it did not see might change it. A command that creates its
 * stream is decided on the initial state without any read: its append claims a new stream, which fails on the
 * version check when the stream exists, and the handler then reads it and decides again (already exists). Any
 * other stream not kept is read from its last snapshot (when the service takes snapshots) and the events after it.
 * <p>
 * The states are kept, read and snapshotted by {@link StreamStates}; a command is decided on one by {@link Decisions}.
 */
public final class CommandHandler<C, E, S> {
    /**
     * How many events the kept states may have been folded from, all together, for the constructors that bound
     * by events.
     */
    public static final long DEFAULT_CACHED_EVENTS = 20_000;
    /** Decisions per command without an If-Match when concurrent appends keep winning the version race. */
    static final int ATTEMPTS = 4;

    private static final Logger LOG = Logger.getLogger(CommandHandler.class);

    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;
    private final Decisions<C, E, S> decisions;
    private final StreamStates<E, S> states;
    private final AtomicLong conflicts = new AtomicLong();

    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
        this(store, decider, codec, DEFAULT_CACHED_EVENTS);
    }

    /**
     * @param cachedEvents how many events the kept states may have been folded from, all together (0: fold every
     *                     stream from its first event)
     */
    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec, long cachedEvents) {
        this(store, decider, codec, new KeptStates<>(cachedEvents, null, null, null, 0));
    }

    /** Keeps states as {@code kept} says (a null {@code size} weighs a state by the events folded into it). */
    public CommandHandler(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec, KeptStates<S> kept) {
        this.store = store;
        this.decider = decider;
        this.codec = codec;
        this.decisions = new Decisions<>(decider, codec);
        this.states = new StreamStates<>(store, decider, codec, kept);
    }

    /** The whole stream, read and folded (for reads that show the history). */
    public Uni<Loaded<S>> load(String streamId) {
        return store.readStream(streamId)
                .onItem()
                .transform(events -> new Loaded<>(
                        states.fold(decider.initialState(), events),
                        events.isEmpty() ? 0 : events.get(events.size() - 1).version(),
                        events));
    }

    /**
     * @param expectedVersion the version the client last saw (from If-Match), or null when it sent none
     */
    public Uni<CommandResult> handle(String streamId, C command, Long expectedVersion, CommandContext context) {
        return handle(streamId, command, expectedVersion, context, () -> Uni.createFrom()
                .voidItem());
    }

    /**
     * As {@link #handle(String, Object, Long, CommandContext)}, with {@code beforeDeciding} run first when the
     * command is new (no Idempotency-Key, or a key not seen yet): a check against something outside the stream
     * (e.g. another service's view) that a retry must not run again, since it could turn an accepted command into
     * a refusal. A retry gets the first answer with one look-up of its key.
     */
    public Uni<CommandResult> handle(
            String streamId,
            C command,
            Long expectedVersion,
            CommandContext context,
            Supplier<Uni<Void>> beforeDeciding) {
        // the request's log lines carry the stream and the correlation id (its own Vert.x context holds the MDC)
        LogContext.put(LogContext.STREAM_ID, streamId);
        LogContext.put(LogContext.CORRELATION_ID, context.correlationId());
        if (context.idempotencyKey() == null) {
            return beforeDeciding.get().chain(() -> decideAndAppend(streamId, command, expectedVersion, context));
        }
        return store.findByIdempotencyKey(context.idempotencyKey(), context.requestHash())
                .onItem()
                .ifNotNull()
                .transformToUni(first -> Uni.createFrom().item(first))
                .onItem()
                .ifNull()
                .switchTo(() ->
                        beforeDeciding.get().chain(() -> decideAndAppend(streamId, command, expectedVersion, context)));
    }

    private Uni<CommandResult> decideAndAppend(
            String streamId, C command, Long expectedVersion, CommandContext context) {
        StateCache.Entry<S> entry = states.get(streamId);
        if (entry == null
                && decider.createsStream(command)
                && (expectedVersion == null || expectedVersion == ExpectedVersion.NO_STREAM)) {
            // a creation is decided on the initial state without reading the stream: the append claims a new stream,
            // and fails on the version check when the stream exists (then read, decided again: already-exists)
            entry = new StateCache.Entry<>(0, decider.initialState(), 0, 0);
        }
        if (entry != null && (expectedVersion == null || expectedVersion == entry.version())) {
            return decideOnKept(streamId, command, expectedVersion, context, entry, 1);
        }
        return states.read(streamId, entry)
                .onItem()
                .transformToUni(current -> decideOn(streamId, command, expectedVersion, context, current, 1));
    }

    /**
     * Decides on a kept state without reading the stream. A conflict or a rejection may come from events it has
     * not seen: then the stream is read and the command decided again, as if nothing had been kept.
     */
    private Uni<CommandResult> decideOnKept(
            String streamId,
            C command,
            Long expectedVersion,
            CommandContext context,
            StateCache.Entry<S> entry,
            int attempt) {
        List<E> events;
        try {
            events = decisions.decide(streamId, command, expectedVersion, entry);
        } catch (DomainRejectedException rejected) {
            return states.read(streamId, kept(entry)).onItem().transformToUni(current -> {
                if (current.version() == entry.version()) {
                    return Uni.createFrom().failure(rejected); // the kept state was current: the rejection stands
                }
                return decideOn(streamId, command, expectedVersion, context, current, attempt);
            });
        }
        Uni<CommandResult> append = append(streamId, context, entry, events);
        if (expectedVersion != null) {
            return append; // the client's version was not the stream's: 412, as without a kept state
        }
        return append.onFailure(WrongExpectedVersionException.class).recoverWithUni(conflict -> {
            conflicts.incrementAndGet();
            return states.read(streamId, kept(newer(states.get(streamId), entry)))
                    .onItem()
                    .transformToUni(current -> decideOn(streamId, command, null, context, current, attempt + 1));
        });
    }

    /** Decides on a state read from the store; a lost version race (no If-Match) reads again and decides again. */
    private Uni<CommandResult> decideOn(
            String streamId,
            C command,
            Long expectedVersion,
            CommandContext context,
            StateCache.Entry<S> loaded,
            int attempt) {
        List<E> events = decisions.decide(streamId, command, expectedVersion, loaded);
        Uni<CommandResult> append = append(streamId, context, loaded, events);
        if (expectedVersion != null || attempt >= ATTEMPTS) {
            return append;
        }
        return append.onFailure(WrongExpectedVersionException.class).recoverWithUni(conflict -> {
            conflicts.incrementAndGet();
            return states.read(streamId, newer(states.get(streamId), loaded))
                    .onItem()
                    .transformToUni(current -> decideOn(streamId, command, null, context, current, attempt + 1));
        });
    }

    private Uni<CommandResult> append(
            String streamId, CommandContext context, StateCache.Entry<S> loaded, List<E> events) {
        return store.append(new AppendRequest(streamId, codec.streamType(), loaded.version(), encode(events), context))
                .invoke(result -> {
                    states.keep(streamId, loaded, events, result);
                    logAppended(streamId, result);
                });
    }

    /** One DEBUG line per appended event, with its id in the MDC. */
    private static void logAppended(String streamId, CommandResult result) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (AppendedEvent e : result.events()) {
            LogContext.put(LogContext.EVENT_ID, e.eventId());
            LOG.debugf("%s appended to %s at version %d", e.type(), streamId, e.version());
        }
        LogContext.clear(LogContext.EVENT_ID);
    }

    /**
     * An entry to read the stream after: null for a creation's initial state (version 0), so that the read starts
     * from the stream's snapshot as for any stream not kept.
     */
    private static <S> StateCache.Entry<S> kept(StateCache.Entry<S> entry) {
        return entry == null || entry.version() == 0 ? null : entry;
    }

    private static <S> StateCache.Entry<S> newer(StateCache.Entry<S> a, StateCache.Entry<S> b) {
        return a != null && a.version() >= b.version() ? a : b;
    }

    private List<EncodedEvent> encode(List<E> events) {
        List<EncodedEvent> encoded = new ArrayList<>(events.size());
        for (E e : events) {
            encoded.add(codec.encode(e));
        }
        return encoded;
    }

    /** How many streams have a kept state. */
    public int keptStates() {
        return states.keptStates();
    }

    /** The kept states' summed weight: bytes as the service's {@link StateSize} estimates them (or events). */
    public long keptWeight() {
        return states.keptWeight();
    }

    /** How many times a command read the stream (kept state missing, behind or to be checked). */
    public long tailReads() {
        return states.tailReads();
    }

    /** How many appends failed on the version check and were decided again. */
    public long conflicts() {
        return conflicts.get();
    }

    /** How many snapshots were stored. */
    public long snapshotsWritten() {
        return states.snapshotsWritten();
    }
}
