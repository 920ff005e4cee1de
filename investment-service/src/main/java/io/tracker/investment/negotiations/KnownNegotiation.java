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

    /** The row for a negotiation seen for the first time. */
    static KnownNegotiation first(NegotiationChange change, OffsetDateTime now) {
        KnownNegotiation n = new KnownNegotiation();
        n.id = change.negotiationId();
        n.firstSeenAt = now;
        n.apply(change, now);
        return n;
    }

    /** Applies the change and moves to its version: the caller has checked that it is newer. */
    void apply(NegotiationChange change, OffsetDateTime now) {
        switch (change.kind()) {
            case OPENED -> title = change.title();
            case TERMINATED -> {
                terminated = true;
                terminatedOn = change.terminatedOn();
                terminatedUntil = change.terminatedUntil();
            }
        }
        lastVersion = change.streamVersion();
        updatedAt = now;
    }
}
