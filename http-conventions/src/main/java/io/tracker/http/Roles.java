package io.tracker.http;

/**
 * The roles of the bearer tokens (claim {@code groups}): writes and rebuilds need {@link #RECORDER}; queries need
 * {@link #ANALYST} or {@link #RECORDER}.
 */
public final class Roles {
    public static final String RECORDER = "recorder";
    public static final String ANALYST = "analyst";

    private Roles() {}
}
