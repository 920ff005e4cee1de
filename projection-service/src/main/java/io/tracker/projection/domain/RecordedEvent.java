package io.tracker.projection.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event as applied to the read models: which stream and version it is, its id, its type, when it was
 * recorded (the producer's {@code ce_time}: the "known at" time axis) and its content.
 */
public record RecordedEvent(
        StreamKind stream,
        String streamId,
        long version,
        UUID eventId,
        EventType type,
        Instant recordedAt,
        EventBody body) {

    public RecordedEvent {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(body, "body");
        if (version < 1) {
            throw new IllegalArgumentException("stream versions start at 1");
        }
    }

    /** The stream version an amendment points at, or 0 for any other event. */
    public long targetVersion() {
        if (body instanceof NegotiationCorrection c) {
            return c.targetVersion();
        }
        if (body instanceof InvestmentCorrection c) {
            return c.targetVersion();
        }
        if (body instanceof Retraction r) {
            return r.targetVersion();
        }
        if (body instanceof Figure f) {
            return f.targetVersion();
        }
        return 0;
    }
}
