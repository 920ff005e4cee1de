package io.tracker.core.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.core.store.AppendRequest;
import io.tracker.core.store.AppendedEvent;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EncodedEvent;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.ExpectedVersion;
import io.tracker.core.store.SnapshotStore;
import io.tracker.core.store.StoredEvent;
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
    private final StateCache<S> cache;
    private final StateSize<S> size;
    private final KeptStates<S> kept;
    private final AtomicLong tailReads = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong snapshotsWritten = new AtomicLong();

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
        this.kept = kept;
        this.size = kept.size();
        this.cache = new StateCache<>(kept.budgetBytes());
    }

    /** The whole stream, read and folded (for reads that show the history). */
    public Uni<Loaded<S>> load(String streamId) {
        return store.readStream(streamId)
                .onItem()
                .transform(events -> new Loaded<>(
                        fold(decider.initialState(), events),
                        events.isEmpty() ? 0 : events.get(events.size() - 1).version(),
                        events));
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
        StateCache.Entry<S> entry = cache.get(streamId);
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
        return read(streamId, entry)
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
            events = decide(streamId, command, expectedVersion, entry);
        } catch (DomainRejectedException rejected) {
            return read(streamId, kept(entry)).onItem().transformToUni(current -> {
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
            return read(streamId, kept(newer(cache.get(streamId), entry)))
                    .onItem()
                    .transformToUni(current -> decideOn(streamId, command, null, context, current, attempt + 1));
        });
    }

    /**
     * The stream's state read from the store: the events after {@code entry} (a kept state), or after the stream's
     * snapshot, or all of them; kept for the next command.
     */
    private Uni<StateCache.Entry<S>> read(String streamId, StateCache.Entry<S> entry) {
        tailReads.incrementAndGet();
        Uni<StateCache.Entry<S>> base = entry != null ? Uni.createFrom().item(entry) : fromSnapshot(streamId);
        return base.onItem().transformToUni(from -> store.readStream(streamId, from.version())
                .onItem()
                .transform(events -> {
                    if (events.isEmpty()) {
                        if (from.version() > 0 && from != entry) {
                            cache.put(streamId, from);
                        }
                        return from;
                    }
                    long version = events.get(events.size() - 1).version();
                    StateCache.Entry<S> next =
                            snapshotIfDue(streamId, entry(version, fold(from.state(), events), from.snapshotVersion()));
                    cache.put(streamId, next);
                    return next;
                }));
    }

    /** The stream's snapshot as an entry, or the initial state when it has none (or one of another encoding). */
    private Uni<StateCache.Entry<S>> fromSnapshot(String streamId) {
        StateCache.Entry<S> none = new StateCache.Entry<>(0, decider.initialState(), 0, 0);
        if (!kept.snapshotting()) {
            return Uni.createFrom().item(none);
        }
        SnapshotCodec<S> snapshotCodec = kept.codec();
        return kept.snapshots().read(streamId).onItem().transform(snapshot -> {
            if (snapshot == null || !snapshot.encoding().equals(snapshotCodec.encoding())) {
                return none;
            }
            return entry(snapshot.version(), snapshotCodec.decode(snapshot.state()), snapshot.version());
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
        List<E> events = decide(streamId, command, expectedVersion, loaded);
        Uni<CommandResult> append = append(streamId, context, loaded, events);
        if (expectedVersion != null || attempt >= ATTEMPTS) {
            return append;
        }
        return append.onFailure(WrongExpectedVersionException.class).recoverWithUni(conflict -> {
            conflicts.incrementAndGet();
            return read(streamId, newer(cache.get(streamId), loaded))
                    .onItem()
                    .transformToUni(current -> decideOn(streamId, command, null, context, current, attempt + 1));
        });
    }

    /** The events the command appends to a stream in state {@code loaded}; a refusal is thrown. */
    private List<E> decide(String streamId, C command, Long expectedVersion, StateCache.Entry<S> loaded) {
        if (expectedVersion != null && expectedVersion != loaded.version()) {
            throw new WrongExpectedVersionException(streamId, expectedVersion, loaded.version());
        }
        boolean creates = decider.createsStream(command);
        boolean exists = loaded.version() > 0;
        if (!exists && !creates) {
            throw new DomainRejectedException(new DomainError(
                    DomainError.Kind.NOT_FOUND,
                    "not-found",
                    codec.streamType() + " '" + streamId + "' does not exist",
                    null));
        }
        if (exists && creates) {
            throw new DomainRejectedException(new DomainError(
                    DomainError.Kind.ALREADY_EXISTS,
                    "already-exists",
                    codec.streamType() + " '" + streamId + "' already exists",
                    null));
        }
        Decision<E> decision = decider.decide(command, loaded.state());
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new DomainRejectedException(rejected.error());
        }
        return ((Decision.Accepted<E>) decision).events();
    }

    private Uni<CommandResult> append(
            String streamId, CommandContext context, StateCache.Entry<S> loaded, List<E> events) {
        return store.append(new AppendRequest(streamId, codec.streamType(), loaded.version(), encode(events), context))
                .invoke(result -> {
                    keep(streamId, loaded, events, result);
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

    /**
     * Keeps the state after an append, folded from the decided events themselves (the codec's round trip is
     * the identity on them, which its tests check); not after a replayed retry, whose events were not the ones
     * decided here.
     */
    private void keep(String streamId, StateCache.Entry<S> before, List<E> events, CommandResult result) {
        if (result.replayed() || result.version() != before.version() + events.size()) {
            return;
        }
        S state = before.state();
        for (E e : events) {
            state = decider.evolve(state, e);
        }
        cache.put(streamId, snapshotIfDue(streamId, entry(result.version(), state, before.snapshotVersion())));
    }

    private StateCache.Entry<S> entry(long version, S state, long snapshotVersion) {
        long weight = size == null ? Math.max(1, version) : size.bytes(state);
        return new StateCache.Entry<>(version, state, weight, snapshotVersion);
    }

    /**
     * Stores a snapshot once the stream grew by the interval since its last one, in the background: a snapshot
     * only shortens later loads, so a failed write is logged and forgotten.
     *
     * @return the entry, marked with its snapshot when one is taken
     */
    private StateCache.Entry<S> snapshotIfDue(String streamId, StateCache.Entry<S> entry) {
        if (!kept.snapshotting() || entry.version() - entry.snapshotVersion() < kept.snapshotEvery()) {
            return entry;
        }
        String state = kept.codec().encode(entry.state());
        kept.snapshots()
                .write(
                        streamId,
                        new SnapshotStore.Snapshot(entry.version(), kept.codec().encoding(), state))
                .subscribe()
                .with(
                        done -> snapshotsWritten.incrementAndGet(),
                        failure -> LOG.warnf(
                                failure, "snapshot of %s at version %d not stored", streamId, entry.version()));
        return new StateCache.Entry<>(entry.version(), entry.state(), entry.weight(), entry.version());
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
        return cache.size();
    }

    /** The kept states' summed weight: bytes as the service's {@link StateSize} estimates them (or events). */
    public long keptWeight() {
        return cache.weight();
    }

    /** How many times a command read the stream (kept state missing, behind or to be checked). */
    public long tailReads() {
        return tailReads.get();
    }

    /** How many appends failed on the version check and were decided again. */
    public long conflicts() {
        return conflicts.get();
    }

    /** How many snapshots were stored. */
    public long snapshotsWritten() {
        return snapshotsWritten.get();
    }
}
