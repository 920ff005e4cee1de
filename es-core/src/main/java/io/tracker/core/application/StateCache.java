package io.tracker.core.application;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folded state of recently written streams, so that a command decides on it without reading the stream
 * again. An entry is the fold of a stream's events 1..{@code version}; events are immutable and versions unique,
 * so such a prefix is never wrong, only possibly behind (another replica appended since): the store's version
 * check on append finds that out, and the handler then reads the events after it.
 * <p>
 * Bounded by the summed {@code weight} of its entries (bytes as the service estimates them, or events folded),
 * least recently used out. States must be immutable values.
 */
final class StateCache<S> {
    /**
     * A stream's state folded up to and including {@code version}; {@code weight} is what it costs against the
     * budget; {@code snapshotVersion} the version of the stream's last stored snapshot known here (0: none).
     */
    record Entry<S>(long version, S state, long weight, long snapshotVersion) {
        /** An entry that weighs the events it was folded from. */
        Entry(long version, S state) {
            this(version, state, Math.max(1, version), 0);
        }
    }

    private final long budget;
    private final Map<String, Entry<S>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    /** @param budget the summed weight the kept states may have (0: keep none) */
    StateCache(long budget) {
        this.budget = budget;
    }

    synchronized Entry<S> get(String streamId) {
        return entries.get(streamId);
    }

    /**
     * Keeps the newer of what is there and {@code entry} (two commands of one stream may finish out of order); of
     * two at one version, the one that knows of the later snapshot.
     */
    synchronized void put(String streamId, Entry<S> entry) {
        Entry<S> present = entries.get(streamId);
        if (present != null
                && (present.version() > entry.version()
                        || present.version() == entry.version()
                                && present.snapshotVersion() >= entry.snapshotVersion())) {
            return;
        }
        if (entry.weight() > budget) {
            if (present != null) {
                entries.remove(streamId);
                weight -= present.weight();
            }
            return;
        }
        entries.put(streamId, entry);
        weight += entry.weight() - (present == null ? 0 : present.weight());
        for (Iterator<Entry<S>> eldest = entries.values().iterator(); weight > budget && eldest.hasNext(); ) {
            weight -= eldest.next().weight();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** The summed weight of the kept states. */
    synchronized long weight() {
        return weight;
    }

    /** Same as {@link #weight()} for a cache that weighs events. */
    long events() {
        return weight();
    }
}
