package io.tracker.core.domain;

import java.time.LocalDate;
import java.util.Objects;

/** Where a fact comes from (provenance). {@code url} may be null: not every source has a link. */
public record Source(String title, String publisher, LocalDate published, String url, Kind kind) {

    public enum Kind {
        OFFICIAL,
        NEWS,
        OPINION
    }

    public Source {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(kind, "kind");
    }
}
