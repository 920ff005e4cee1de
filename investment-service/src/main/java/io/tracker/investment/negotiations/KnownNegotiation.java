package io.tracker.investment.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A negotiation this service has learned about from {@code tracker.negotiation.events}: a row of {@code known_negotiations}. */
public class KnownNegotiation {
    public String id;

    public String title;

    public boolean terminated;

    public String terminatedOn;

    public LocalDate terminatedUntil;

    /** The stream version of the last event applied. */
    public long lastVersion;

    public OffsetDateTime firstSeenAt;

    public OffsetDateTime updatedAt;
}
