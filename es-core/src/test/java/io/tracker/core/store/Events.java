package io.tracker.core.store;

import java.util.ArrayList;
import java.util.List;

/** Test data: small events and append requests. */
public final class Events {
    private Events() {}

    public static List<EncodedEvent> ticks(int count, String label) {
        List<EncodedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new EncodedEvent("Ticked", 1, "{\"label\":\"" + label + "\",\"n\":" + i + "}", "2026-01-29"));
        }
        return events;
    }

    public static AppendRequest request(String stream, long expected, int count) {
        return new AppendRequest(stream, "tally", expected, ticks(count, stream), context(null, null));
    }

    public static CommandContext context(String key, String hash) {
        return new CommandContext(key, hash, "corr-1", null, "test");
    }
}
