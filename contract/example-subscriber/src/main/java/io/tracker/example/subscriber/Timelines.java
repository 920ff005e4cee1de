package io.tracker.example.subscriber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The subscriber's own state: a timeline per negotiation. Delivery is at least once and in order per key,
 * so a record whose stream version is not above the last one applied for its negotiation is a redelivery
 * and is skipped. (A real subscriber keeps that last version in its database, in the same transaction as
 * its own change.)
 */
@ApplicationScoped
public class Timelines {
    public record Entry(long streamVersion, String eventId, String type, String line) {}

    private final Map<String, List<Entry>> byNegotiation = new ConcurrentHashMap<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();

    /** Applies an event once; false when it was a redelivery. */
    public boolean apply(String negotiationId, long streamVersion, String eventId, String type, String line) {
        List<Entry> timeline = byNegotiation.computeIfAbsent(negotiationId, k -> new CopyOnWriteArrayList<>());
        synchronized (timeline) {
            long last =
                    timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).streamVersion();
            if (streamVersion <= last) {
                skipped.add(eventId);
                return false;
            }
            timeline.add(new Entry(streamVersion, eventId, type, line));
            return true;
        }
    }

    public void unreadable(String what) {
        unreadable.add(what);
    }

    public List<Entry> of(String negotiationId) {
        return new ArrayList<>(byNegotiation.getOrDefault(negotiationId, List.of()));
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
