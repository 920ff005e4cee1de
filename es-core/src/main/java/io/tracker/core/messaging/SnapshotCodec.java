package io.tracker.core.messaging;

/**
 * Writes a folded state to a snapshot and reads it back. {@link #encoding()} names the form and its version
 * (e.g. {@code negotiation-state.v1}); a stored snapshot of another encoding is ignored (the stream is folded
 * from its first event and a new snapshot replaces it), so changing the state's shape only needs a new name.
 */
public interface SnapshotCodec<S> {
    String encoding();

    String encode(S state);

    S decode(String snapshot);
}
