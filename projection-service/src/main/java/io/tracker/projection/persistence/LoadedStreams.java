package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a load has COPYed so far, to drop the topics' duplicates (at-least-once delivery) before they reach the
 * unindexed tables: per stream, the versions loaded (a bit each) and, for an investment, the negotiations it was
 * linked to. Exact, and bounded by the number of streams: one entry per stream (about 150 bytes: its id, a map
 * entry, a small bit set) plus one bit per event; {@link #full()} once {@code maxStreams} streams are held, and the
 * load then ends where it is (the rest replays through the indexed path, which drops duplicates by its keys).
 */
final class LoadedStreams {
    private static final class Seen {
        final BitSet versions = new BitSet();
        Set<Long> beyond; // versions a bit set cannot index (never in practice)
        List<String> links; // an investment's negotiations, few
    }

    private final Map<String, Seen> negotiations = new HashMap<>();
    private final Map<String, Seen> investments = new HashMap<>();
    private final int maxStreams;
    /** What the batch being loaded added, undone if its COPY fails (the batch is then loaded again). */
    private final List<Runnable> undo = new ArrayList<>();

    LoadedStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    /** Whether the event (of a negotiation or investment stream, its version) is new; it counts as loaded from now on. */
    boolean add(boolean negotiation, String streamId, long version) {
        Seen seen = (negotiation ? negotiations : investments).computeIfAbsent(streamId, id -> new Seen());
        if (version >= 0 && version < Integer.MAX_VALUE) {
            if (seen.versions.get((int) version)) {
                return false;
            }
            seen.versions.set((int) version);
            undo.add(() -> seen.versions.clear((int) version));
            return true;
        }
        if (seen.beyond == null) {
            seen.beyond = new HashSet<>();
        }
        if (!seen.beyond.add(version)) {
            return false;
        }
        undo.add(() -> seen.beyond.remove(version));
        return true;
    }

    /** Whether the link of investment {@code investmentId} to {@code negotiationId} is new; it counts as loaded. */
    boolean link(String investmentId, String negotiationId) {
        Seen seen = investments.computeIfAbsent(investmentId, id -> new Seen());
        if (seen.links == null) {
            seen.links = new ArrayList<>(2);
        } else if (seen.links.contains(negotiationId)) {
            return false;
        }
        seen.links.add(negotiationId);
        undo.add(() -> seen.links.remove(negotiationId));
        return true;
    }

    /** The batch was loaded: what it added stays. */
    void commit() {
        undo.clear();
    }

    /** The batch failed: what it added is forgotten (in reverse order). */
    void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    int streams() {
        return negotiations.size() + investments.size();
    }

    boolean full() {
        return streams() >= maxStreams;
    }
}
