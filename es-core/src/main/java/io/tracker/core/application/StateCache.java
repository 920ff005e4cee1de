package io.tracker.core.application;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folded state of recently written streams, so that a command folds only the events appended since
 * (usually none) instead of decoding the whole stream again. An entry is the fold of a stream's events
 * 1..{@code version}; events are immutable and versions unique, so such a prefix never goes stale: the
 * handler still reads every event after it from the store, whatever another replica appended meanwhile.
 * <p>
 * Bounded by the number of events the kept states were folded from (a state grows with its stream: bounding
 * the number of streams alone let long streams fill the heap), least recently used out. States must be
 * immutable values.
 */
final class StateCache<S> {
    /** A stream's state folded up to and including {@code version}. */
    record Entry<S>(long version, S state) {
        long weight() {
            return Math.max(1, version);
        }
    }

    private final long maxEvents;
    private final Map<String, Entry<S>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long events;

    /** @param maxEvents how many events the kept states may have been folded from, all together (0: keep none) */
    StateCache(long maxEvents) {
        this.maxEvents = maxEvents;
    }

    synchronized Entry<S> get(String streamId) {
        return entries.get(streamId);
    }

    /** Keeps the newer of what is there and {@code entry} (two commands of one stream may finish out of order). */
    synchronized void put(String streamId, Entry<S> entry) {
        if (entry.weight() > maxEvents) {
            return;
        }
        Entry<S> present = entries.get(streamId);
        if (present != null && present.version() >= entry.version()) {
            return;
        }
        entries.put(streamId, entry);
        events += entry.weight() - (present == null ? 0 : present.weight());
        for (Iterator<Entry<S>> eldest = entries.values().iterator(); events > maxEvents && eldest.hasNext();) {
            events -= eldest.next().weight();
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long events() {
        return events;
    }
}
