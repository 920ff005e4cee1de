package io.tracker.projection.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.RecordedEvent;

/**
 * The current statuses {@link CurrentStatuses} keeps, each with the history it was computed from, least recently
 * asked first out, within a budget of bytes that counts the statuses and their histories.
 */
final class KeptStatuses {
    /** Bytes of a kept event besides its payload's text and stream id: its record, id, instant, list slot, body's objects. */
    static final long EVENT_BYTES = 160;

    /**
     * A status and what it rests on: the facts of {@code generation} when the agreement's list row had version
     * {@code rowVersion} (see {@link FactQueries#NEGOTIATION_AFTER}), the highest version among them
     * {@code lastVersion}, the events they hold in stream order (never changed once kept: an extension keeps a new
     * list) and the length of their stored payloads.
     */
    record Kept(
            int generation,
            long rowVersion,
            long lastVersion,
            List<RecordedEvent> history,
            long payloadChars,
            AgreementStatus status) {

        /** Whether it rests on the facts stored when the active generation and the list row's version are these. */
        boolean restsOn(int generation, long rowVersion) {
            return this.generation == generation && this.rowVersion == rowVersion;
        }
    }

    private record Entry(Kept kept, long bytes) {}

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    KeptStatuses(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What is kept for {@code id} (it becomes the most recently asked), or null. */
    synchronized Kept get(String id) {
        Entry e = entries.get(id);
        return e == null ? null : e.kept();
    }

    synchronized void put(String id, Kept kept) {
        long size = estimate(kept);
        Entry old = entries.remove(id);
        if (old != null) {
            bytes -= old.bytes();
        }
        if (size > maxBytes) {
            return;
        }
        entries.put(id, new Entry(kept, size));
        bytes += size;
        var eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            bytes -= e.getValue().bytes();
            eldest.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int entries() {
        return entries.size();
    }

    /**
     * The bytes a kept status and its history hold, estimated: the status's text form (every field, nested records
     * included) as two bytes per character, plus the map entry and the objects' headers; per event of the history
     * {@link #EVENT_BYTES}, its stream id, and its stored payload's text as two bytes per character (the decoded
     * body keeps the payload's values, not its names and punctuation, but in objects of their own).
     */
    static long estimate(Kept kept) {
        long events = 0;
        for (RecordedEvent e : kept.history()) {
            events += EVENT_BYTES + 2L * e.streamId().length();
        }
        return estimate(kept.status()) + events + 2 * kept.payloadChars();
    }

    static long estimate(AgreementStatus status) {
        return 256 + 2L * status.toString().length();
    }
}
