package io.tracker.projection.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.CurrentStatusFold;
import io.tracker.projection.domain.Instrument;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.Participant;

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
     * The bytes a kept status and its fold hold, estimated: the status's objects (headers, references, the lists'
     * arrays) and its strings as two bytes per character, walked field by field (no text is built: this runs for every
     * status kept, on the event loop); and the fold's own estimate ({@link CurrentStatusFold#estimatedBytes()}).
     */
    static long estimate(Kept kept) {
        return estimate(kept.status()) + kept.fold().estimatedBytes();
    }

    static long estimate(AgreementStatus status) {
        long bytes = 256 + chars(status.agreementId()) + chars(status.title()) + date(status.stalledSince());
        bytes += strings(status.parties()) + strings(status.focusAreas());
        bytes += milestone(status.lastMilestone());
        for (List<Milestone> list :
                List.of(status.milestonesReached(), status.milestonesPossiblyReached(), status.milestonesPending())) {
            bytes += list(list);
            for (Milestone m : list) {
                bytes += milestone(m);
            }
        }
        bytes += list(status.instruments());
        for (Instrument i : status.instruments()) {
            bytes += 64 + chars(i.title()) + date(i.date()) + list(i.signatories());
            for (Participant p : i.signatories()) {
                bytes += participant(p);
            }
        }
        bytes += list(status.participants());
        for (Participant p : status.participants()) {
            bytes += participant(p);
        }
        return bytes;
    }

    private static long milestone(Milestone m) {
        return m == null ? 0 : 56 + chars(m.summary()) + chars(m.title()) + date(m.date());
    }

    private static long participant(Participant p) {
        return p == null ? 0 : 24 + chars(p.name()) + chars(p.role()) + chars(p.country());
    }

    private static long date(BusinessDate d) {
        return d == null ? 0 : 80 + chars(d.text()) + chars(d.precision());
    }

    private static long strings(List<String> strings) {
        long bytes = list(strings);
        for (String s : strings) {
            bytes += chars(s);
        }
        return bytes;
    }

    /** An immutable list: its object and array, a reference per element. */
    private static long list(List<?> list) {
        return 32 + 8L * list.size();
    }

    /** A string: its object and array headers, two bytes per character (as the fold counts them). */
    private static long chars(String s) {
        return s == null ? 0 : 48 + 2L * s.length();
    }
}
