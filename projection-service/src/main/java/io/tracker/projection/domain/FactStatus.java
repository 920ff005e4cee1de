package io.tracker.projection.domain;

/** Whether a recorded fact has happened, or has only been announced or planned. */
public enum FactStatus {
    OCCURRED,
    ANNOUNCED,
    PLANNED
}
