package io.tracker.core.api;

/** Who may do what: writes need {@link #RECORDER}; queries need {@link #ANALYST} or {@link #RECORDER}. */
public final class Roles {
    public static final String RECORDER = "recorder";
    public static final String ANALYST = "analyst";

    private Roles() {
    }
}
