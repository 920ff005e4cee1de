package io.tracker.investment.negotiations;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A negotiation this service has learned about from {@code tracker.negotiation.events}. */
@Entity
@Table(name = "known_negotiations")
public class KnownNegotiation {
    @Id
    public String id;

    public String title;

    public boolean terminated;

    @Column(name = "terminated_on")
    public String terminatedOn;

    @Column(name = "terminated_until")
    public LocalDate terminatedUntil;

    /** The stream version of the last event applied. */
    @Column(name = "last_version", nullable = false)
    public long lastVersion;

    @Column(name = "first_seen_at", nullable = false)
    public OffsetDateTime firstSeenAt;

    @Column(name = "updated_at", nullable = false)
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
