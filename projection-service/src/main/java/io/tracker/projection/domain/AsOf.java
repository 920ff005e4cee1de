package io.tracker.projection.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The two time axes of a question. {@code businessDate}: what had happened by that day (a fact counts once
 * its business date has begun by it); {@code knownAt}: what had been recorded by that instant (events
 * recorded later, corrections and retractions included, are ignored). Null means "no limit" on that axis.
 */
public record AsOf(LocalDate businessDate, Instant knownAt) {

    public static final AsOf NOW = new AsOf(null, null);

    /** Whether the event had been recorded by {@code knownAt}. */
    public boolean knows(RecordedEvent event) {
        return knownAt == null || !event.recordedAt().isAfter(knownAt);
    }

    /** Whether a fact of this business date had happened by {@code businessDate}. */
    public boolean happened(BusinessDate date) {
        return businessDate == null || (date != null && date.startedBy(businessDate));
    }
}
