package io.tracker.negotiation.domain;

/** Who met in a round of talks below the leaders. */
public enum TalksLevel {
    /** ministers of the parties */
    MINISTERIAL,
    /** a minister or envoy with a visiting delegation */
    DELEGATION,
    /** officials and negotiators */
    OFFICIALS
}
