package io.tracker.projection.api;

/** The roles of the bearer tokens (claim {@code groups}): analysts read, recorders also run rebuilds. */
public final class Roles {
    public static final String ANALYST = "analyst";
    public static final String RECORDER = "recorder";

    private Roles() {
    }
}
