package io.tracker.negotiation.domain;

import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.NegotiationEvent.FactEvent;
import io.tracker.negotiation.domain.NegotiationEvent.Kind;

/** A fact event as it stands now, in full: {@code current} replaces {@code event.fact()} after corrections. */
public record RecordedFact(long version, FactEvent event, Fact current, boolean retracted) {
    public boolean inForce() {
        return !retracted;
    }

    public boolean occurred() {
        return current.status() == FactStatus.OCCURRED;
    }

    public Kind kind() {
        return event.kind();
    }
}
