package io.tracker.investment.domain;

/** A step of a committed investment; each is recorded at most once per investment. */
public enum Milestone {
    SITE_SELECTED,
    GOVERNMENT_SUPPORT_SECURED,
    PERMITS_OBTAINED,
    CONSTRUCTION_STARTED,
    CONSTRUCTION_COMPLETED,
    PRODUCTION_STARTED,
    FULL_PRODUCTION_REACHED
}
