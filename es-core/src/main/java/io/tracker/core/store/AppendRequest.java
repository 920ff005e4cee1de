package io.tracker.core.store;

import java.util.List;
import java.util.Objects;

import io.tracker.core.application.CommandContext;
import io.tracker.core.messaging.EncodedEvent;

/** Events to append to one stream, atomically, at an expected version. */
public record AppendRequest(String streamId, String streamType, long expectedVersion, List<EncodedEvent> events,
        CommandContext context) {
    public AppendRequest {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(streamType, "streamType");
        Objects.requireNonNull(context, "context");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        if (expectedVersion < ExpectedVersion.ANY) {
            throw new IllegalArgumentException("bad expected version " + expectedVersion);
        }
    }
}
