package io.tracker.negotiation.domain;

import java.time.LocalDate;

/**
 * Where an indicator or a claim comes from. Unlike the facts' {@code Source}, {@code publisher} may be null: the
 * source does not name one (shown as "publisher not stated", never as an invented label); and an analyst's own
 * correction is cited as kind {@link Kind#ANALYST}. {@code published} and {@code url} may be null.
 */
public record CitedSource(String title, String publisher, LocalDate published, String url, Kind kind) {

    /** OFFICIAL (government, agency), NEWS, OPINION (a signed or opinion piece), ANALYST (this team's own work). */
    public enum Kind {
        OFFICIAL,
        NEWS,
        OPINION,
        ANALYST
    }
}
