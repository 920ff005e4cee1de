package io.tracker.core.store;

import java.util.Objects;

/**
 * An event in its wire form. {@code occurredOn} is the business date text of the fact (see
 * {@code BusinessDate}), kept as metadata next to the payload; it may be null.
 */
public record EncodedEvent(String type, int schemaVersion, String json, String occurredOn) {
    public EncodedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
    }
}
