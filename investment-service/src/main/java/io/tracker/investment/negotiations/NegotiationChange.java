package io.tracker.investment.negotiations;

import java.time.LocalDate;

/**
 * What one negotiation event changes in the view: the negotiation {@code negotiationId} exists (opened) or
 * has ended (terminated), as of its stream version {@code streamVersion}.
 *
 * @param title          the title, for {@link Kind#OPENED}
 * @param terminatedOn   the business date text of the termination, for {@link Kind#TERMINATED} (may be null)
 * @param terminatedUntil the last day that date may stand for (may be null)
 */
record NegotiationChange(
        Kind kind,
        String negotiationId,
        long streamVersion,
        String eventId,
        String title,
        String terminatedOn,
        LocalDate terminatedUntil) {

    enum Kind {
        OPENED,
        TERMINATED
    }

    static NegotiationChange opened(String id, long version, String eventId, String title) {
        return new NegotiationChange(Kind.OPENED, id, version, eventId, title, null, null);
    }

    static NegotiationChange terminated(String id, long version, String eventId, String on, LocalDate until) {
        return new NegotiationChange(Kind.TERMINATED, id, version, eventId, null, on, until);
    }
}
