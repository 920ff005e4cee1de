package io.tracker.core.store;

import java.util.List;

/** What a command appended (or, for an idempotent retry, had appended the first time: {@code replayed}). */
public record CommandResult(String streamId, long version, List<AppendedEvent> events, boolean replayed) {
    public CommandResult {
        events = List.copyOf(events);
    }
}
