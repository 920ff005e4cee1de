package io.tracker.core.application;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.core.domain.Decider;
import io.tracker.core.messaging.EventCodec;
import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.SnapshotStore;
import io.tracker.core.store.StoredEvent;

/**
 * The states a {@link CommandHandler} decides on: kept ones ({@link StateCache}), or read from the store (the events
 * after a kept state, or after the stream's snapshot) and kept; the state after an append kept, and a snapshot
 * stored when one is due ({@link KeptStates}).
 */
final class StreamStates<E, S> {
    /** The handler's category: the snapshot warnings are logged as before this class was split from it. */
    private static final Logger LOG = Logger.getLogger(CommandHandler.class);

    private final EventStore store;
    private final Decider<?, E, S> decider;
    private final EventCodec<E> codec;
    private final StateCache<S> cache;
    private final StateSize<S> size;
    private final KeptStates<S> kept;
    private final AtomicLong tailReads = new AtomicLong();
    private final AtomicLong snapshotsWritten = new AtomicLong();

    StreamStates(EventStore store, Decider<?, E, S> decider, EventCodec<E> codec, KeptStates<S> kept) {
        this.store = store;
        this.decider = decider;
        this.codec = codec;
        this.kept = kept;
        this.size = kept.size();
        this.cache = new StateCache<>(kept.budgetBytes());
    }

    /** The stream's kept state, or null. */
    StateCache.Entry<S> get(String streamId) {
        return cache.get(streamId);
    }

    /** {@code state} with the stored events folded in, decoded as the codec reads them. */
    S fold(S state, List<StoredEvent> events) {
        for (StoredEvent e : events) {
            state = decider.evolve(state, codec.decode(e.type(), e.schemaVersion(), e.payload()));
        }
        return state;
    }

    /**
     * The stream's state read from the store: the events after {@code entry} (a kept state), or after the stream's
     * snapshot, or all of them; kept for the next command.
     */
    Uni<StateCache.Entry<S>> read(String streamId, StateCache.Entry<S> entry) {
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

    /**
     * Keeps the state after an append, folded from the decided events themselves (the codec's round trip is
     * the identity on them, which its tests check); not after a replayed retry, whose events were not the ones
     * decided here.
     */
    void keep(String streamId, StateCache.Entry<S> before, List<E> events, CommandResult result) {
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

    int keptStates() {
        return cache.size();
    }

    long keptWeight() {
        return cache.weight();
    }

    long tailReads() {
        return tailReads.get();
    }

    long snapshotsWritten() {
        return snapshotsWritten.get();
    }
}
