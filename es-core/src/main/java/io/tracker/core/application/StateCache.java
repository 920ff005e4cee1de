package io.tracker.core.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folded state of recently written streams, so that a command folds only the events appended since
 * (usually none) instead of decoding the whole stream again. An entry is the fold of a stream's events
 * 1..{@code version}; events are immutable and versions unique, so such a prefix never goes stale: the
 * handler still reads every event after it from the store, whatever another replica appended meanwhile.
 * Bounded (least recently used out); states must be immutable values.
 */
final class StateCache<S> {
    /** A stream's state folded up to and including {@code version}. */
    record Entry<S>(long version, S state) {
    }

    private final int capacity;
    private final Map<String, Entry<S>> entries;

    StateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<S>> eldest) {
                return size() > StateCache.this.capacity;
            }
        };
    }

    synchronized Entry<S> get(String streamId) {
        return capacity == 0 ? null : entries.get(streamId);
    }

    /** Keeps the newer of what is there and {@code entry} (two commands of one stream may finish out of order). */
    synchronized void put(String streamId, Entry<S> entry) {
        if (capacity == 0) {
            return;
        }
        Entry<S> present = entries.get(streamId);
        if (present == null || present.version() < entry.version()) {
            entries.put(streamId, entry);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
