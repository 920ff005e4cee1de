package io.tracker.projection.persistence;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.CurrentStatusFold;

/**
 * The current statuses {@link CurrentStatuses} keeps, each with the fold it was computed from (not the events: what
 * a fold keeps grows with the status, not with the stream) and, once an answer asked for it, the status as written
 * for readers ({@link #rendered}: written once, sent to every reader until the status changes), least recently asked
 * first out, within a budget of bytes that counts the statuses, their folds and their written forms.
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

    /** A kept status, the bytes counted for it, and its written form once one was asked for. */
    private static final class Entry {
        final Kept kept;
        long bytes;
        byte[] rendered;

        Entry(Kept kept, long bytes) {
            this.kept = kept;
            this.bytes = bytes;
        }
    }

    /** What a written form adds to the budget beyond its bytes: the array's header. */
    static final long RENDERED_OVERHEAD = 16;

    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    KeptStatuses(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** What is kept for {@code id} (it becomes the most recently asked), or null. */
    synchronized Kept get(String id) {
        Entry e = entries.get(id);
        return e == null ? null : e.kept;
    }

    /**
     * The written form of {@code kept}, the status kept for {@code id}: the one written before, or
     * {@code render}'s, written now (outside the lock) and kept with it while it is the one kept for {@code id}
     * (counted in the budget). Two readers asking at once may both write it; one of the two is kept.
     */
    byte[] rendered(String id, Kept kept, Function<AgreementStatus, byte[]> render) {
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null && e.kept == kept && e.rendered != null) {
                return e.rendered;
            }
        }
        byte[] written = render.apply(kept.status());
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null && e.kept == kept && e.rendered == null) {
                e.rendered = written;
                e.bytes += written.length + RENDERED_OVERHEAD;
                bytes += written.length + RENDERED_OVERHEAD;
                evictOver();
            }
        }
        return written;
    }

    synchronized void put(String id, Kept kept) {
        long size = estimate(kept);
        Entry old = entries.remove(id);
        if (old != null) {
            bytes -= old.bytes;
        }
        if (size > maxBytes) {
            return;
        }
        entries.put(id, new Entry(kept, size));
        bytes += size;
        evictOver();
    }

    /** Least recently asked first out until within the budget (the one just put or asked for is the last). */
    private void evictOver() {
        var eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Map.Entry<String, Entry> e = eldest.next();
            bytes -= e.getValue().bytes;
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
