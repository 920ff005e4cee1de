package io.tracker.projection.domain;

import java.time.LocalDate;

/**
 * Where an indicator or claim comes from. {@code publisher} is null when the source names none: it then reads
 * "publisher not stated" ({@link #publisherText}), never an invented label. {@code kind}: OFFICIAL, NEWS, OPINION,
 * or ANALYST (the tracking team's own work, e.g. its correction).
 */
public record CitedSource(String title, String publisher, LocalDate published, String url, String kind) {
    public static final String NOT_STATED = "publisher not stated";

    public String publisherText() {
        return publisher == null ? NOT_STATED : publisher;
    }
}
