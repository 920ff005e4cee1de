package io.tracker.core.application;

import io.tracker.core.messaging.SnapshotCodec;
import io.tracker.core.store.SnapshotStore;

/**
 * How a {@link CommandHandler} keeps folded states: in memory up to {@code budgetBytes} as {@code size}
 * estimates them, and, with a {@code snapshots} store and codec, in a stored snapshot taken whenever a stream
 * grew by {@code snapshotEvery} events since its last one (0: no snapshots).
 */
public record KeptStates<S>(
        long budgetBytes, StateSize<S> size, SnapshotStore snapshots, SnapshotCodec<S> codec, int snapshotEvery) {

    public KeptStates {
        if (budgetBytes < 0 || snapshotEvery < 0) {
            throw new IllegalArgumentException("negative budget or snapshot interval");
        }
        if (snapshotEvery > 0 && (snapshots == null || codec == null)) {
            throw new IllegalArgumentException("snapshots need a store and a codec");
        }
    }

    /** Kept in memory only, bounded by bytes. */
    public static <S> KeptStates<S> inMemory(long budgetBytes, StateSize<S> size) {
        return new KeptStates<>(budgetBytes, size, null, null, 0);
    }

    boolean snapshotting() {
        return snapshotEvery > 0;
    }
}
