package io.tracker.projection.domain;

import java.util.List;

/**
 * An event as it stands after the corrections and retractions known at the time of the question:
 * {@code current} is its content with corrections applied, {@code retracted} whether it was withdrawn, and
 * {@code amendments} the corrections and retractions in stream order.
 */
public record EffectiveEvent(RecordedEvent event, EventBody current, boolean retracted, List<Amendment> amendments) {

    public enum Standing {
        IN_FORCE,
        CORRECTED,
        RETRACTED
    }

    public EffectiveEvent {
        amendments = Lists.copy(amendments);
    }

    public EventType type() {
        return event.type();
    }

    public long version() {
        return event.version();
    }

    public boolean inForce() {
        return !retracted;
    }

    public Standing standing() {
        if (retracted) {
            return Standing.RETRACTED;
        }
        return amendments.isEmpty() ? Standing.IN_FORCE : Standing.CORRECTED;
    }

    public BusinessDate date() {
        return current.date();
    }

    public FactStatus status() {
        return current.status();
    }

    public boolean occurred() {
        return current.status() == FactStatus.OCCURRED;
    }
}
