package io.tracker.core.application;

import java.util.List;

import io.tracker.core.store.StoredEvent;

/** A stream read back and folded: its state, its version (0 when it does not exist) and its raw events. */
public record Loaded<S>(S state, long version, List<StoredEvent> events) {
    public boolean exists() {
        return version > 0;
    }
}
