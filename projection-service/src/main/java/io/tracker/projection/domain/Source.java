package io.tracker.projection.domain;

import java.time.LocalDate;

/** Where a fact comes from. {@code url} and {@code published} may be null. */
public record Source(String title, String publisher, LocalDate published, String url, Kind kind) {

    /** OFFICIAL (a government or company statement), NEWS (reporting), OPINION (commentary). */
    public enum Kind {
        OFFICIAL,
        NEWS,
        OPINION
    }
}
