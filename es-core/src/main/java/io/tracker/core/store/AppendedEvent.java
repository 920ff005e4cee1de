package io.tracker.core.store;

import java.util.UUID;

/** One event as stored: its id, its version in the stream, its global position and its type. */
public record AppendedEvent(UUID eventId, long version, long position, String type) {}
