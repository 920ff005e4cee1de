package io.tracker.projection.persistence;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.CurrentStatusFold;

/**
 * The current statuses {@link CurrentStatuses} keeps, each with the fold it was computed from (not the events: what
 * a fold keeps grows with the status, not with the stream), least recently asked first out, within a budget of bytes
 * that counts the statuses and their folds.
 */
final class KeptStatuses {
    /**
     * A status and what it rests on: the facts of {@code generation} when the agreement's list row had version
     * {@code rowVersion} (see {@link FactQueries#NEGOTIATION_AFTER}), the highest version among them
     * {@code lastVersion}, and the fold of the events they hold (never changed once kept: an extension folds into a
     * copy).
     */
    record Kept(int generation, long rowVersion, long lastVersion, CurrentStatusFold fold, AgreementStatus status) {

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
     * The bytes a kept status and its fold hold, estimated: the status's ({@link
     * CurrentStatusFold#estimatedBytes(AgreementStatus)}, walked field by field) and the fold's own
     * ({@link CurrentStatusFold#estimatedBytes()}).
     */
    static long estimate(Kept kept) {
        return estimate(kept.status()) + kept.fold().estimatedBytes();
    }

    static long estimate(AgreementStatus status) {
        return CurrentStatusFold.estimatedBytes(status);
    }
}
