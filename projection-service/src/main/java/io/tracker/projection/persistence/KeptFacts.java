package io.tracker.projection.persistence;

import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.NegotiationCorrection;
import io.tracker.projection.domain.NegotiationFact;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.Retraction;
import io.tracker.projection.domain.StatusChange;

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

    /**
     * The part of a negotiation event that its agreement's list row depends on (dates, statuses, titles, mission
     * ids, parties, what amends what): descriptions, participants, places, focus areas, signatories, reasons and
     * sources are left out, so that a kept fact takes a fraction of the heap. Summaries are always computed from
     * this form, whether the facts were kept or read from the store; its time is as the store keeps it (to the
     * microsecond).
     */
    static RecordedEvent compact(RecordedEvent e, String streamId) {
        EventBody body = e.body();
        EventBody compact;
        if (body instanceof NegotiationFact f) {
            compact = new NegotiationFact(bare(f.fact()), f.title(), null, f.missionId(), f.parties(), List.of());
        } else if (body instanceof NegotiationCorrection c) {
            compact = new NegotiationCorrection(c.targetVersion(), bare(c.corrected()), null);
        } else if (body instanceof StatusChange s) {
            compact = new StatusChange(s.date(), null, List.of());
        } else if (body instanceof Retraction r) {
            compact = new Retraction(r.targetVersion(), null, List.of());
        } else {
            compact = body;
        }
        return new RecordedEvent(e.stream(), streamId, e.version(), e.eventId(), e.type(),
                e.recordedAt().truncatedTo(ChronoUnit.MICROS), compact);
    }

    private static FactDetails bare(FactDetails fact) {
        return new FactDetails(fact.date(), fact.status(), List.of(), null, List.of(), List.of());
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long events() {
        return events;
    }
}
