package io.tracker.core.store;

import java.util.List;
import java.util.Objects;

import io.tracker.core.tracing.Traceparents;

/**
 * Events to append to one stream, atomically, at an expected version. {@code traceparent}: the W3C trace context
 * of the command's span, stored with each event (null when the command is not traced). It is taken where the
 * command runs, not where its group is written (another command's context).
 */
public record AppendRequest(
        String streamId,
        String streamType,
        long expectedVersion,
        List<EncodedEvent> events,
        CommandContext context,
        String traceparent) {
    /** A request with the traceparent of the current span (none when tracing is off). */
    public AppendRequest(
            String streamId,
            String streamType,
            long expectedVersion,
            List<EncodedEvent> events,
            CommandContext context) {
        this(streamId, streamType, expectedVersion, events, context, Traceparents.current());
    }

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
