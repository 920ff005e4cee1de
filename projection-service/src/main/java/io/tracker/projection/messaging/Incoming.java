package io.tracker.projection.messaging;

import java.util.List;

import io.tracker.projection.domain.RecordedEvent;

/**
 * A consumed record, read: either an event ready to apply (with its stored payload, schema version, the
 * negotiations an investment names, and where it came from) or a poison record and why.
 */
public sealed interface Incoming permits Incoming.Event, Incoming.Poison {

    Position position();

    /** Topic, partition and offset of the record. */
    record Position(String topic, int partition, long offset) {}

    /** {@code payload}: the record's value as received, well-formed UTF-8 (its JSON text as bytes). */
    record Event(
            RecordedEvent event, int schemaVersion, byte[] payload, List<String> negotiationLinks, Position position)
            implements Incoming {}

    record Poison(PoisonReason reason, String detail, Position position) implements Incoming {}
}
