package io.tracker.projection.persistence;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.projection.domain.RecordedEvent;

/**
 * The decoded facts of recently changed negotiations of the active generation, as committed, so that a live
 * batch recomputes a summary from them and its own new events instead of reading and decoding the stream's
 * whole history again.
 * <p>
 * An entry is never trusted on its own: it says how many fact rows the stream had and its last version when it
 * was kept, and a batch uses it only if the database now has exactly those rows plus the batch's own (checked
 * under the stream's lock, in the batch's transaction). Whatever else wrote to the stream meanwhile (another
 * replica after a rebalance, a transaction that rolled back after the entry was made) shows as a different
 * count, and the stream is read again. Bounded by the number of events kept, least recently used out.
 */
final class KeptFacts {
    /**
     * A stream's facts: {@code rows} fact rows up to {@code lastVersion}, {@code events} those of them that could
     * be read (in stream order; a stored fact that cannot be read is counted, not kept).
     */
    record Entry(int rows, long lastVersion, List<RecordedEvent> events) {
        long weight() {
            return Math.max(1, events.size());
        }
    }

    private final long maxEvents;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long events;

    /** A negotiation stream in a generation. */
    record Key(int generation, String streamId) {
    }

    /** @param maxEvents how many events may be kept, all streams together (0: keep none) */
    KeptFacts(long maxEvents) {
        this.maxEvents = maxEvents;
    }

    synchronized Entry get(Key key) {
        return entries.get(key);
    }

    /** Keeps {@code entry} unless what is there has more rows (two batches of one stream may finish out of order). */
    synchronized void put(Key key, Entry entry) {
        if (entry.weight() > maxEvents) {
            remove(key);
            return;
        }
        Entry present = entries.get(key);
        if (present != null && present.rows() > entry.rows()) {
            return;
        }
        entries.put(key, entry);
        events += entry.weight() - (present == null ? 0 : present.weight());
        for (Iterator<Entry> eldest = entries.values().iterator(); events > maxEvents && eldest.hasNext();) {
            events -= eldest.next().weight();
            eldest.remove();
        }
    }

    synchronized void remove(Key key) {
        Entry present = entries.remove(key);
        if (present != null) {
            events -= present.weight();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long events() {
        return events;
    }
}
