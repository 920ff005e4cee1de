package io.tracker.core.store;

/** Expected-version values for {@link EventStore#append}: a version number (1, 2, …) or one of these. */
public final class ExpectedVersion {
    /** the stream must not exist yet */
    public static final long NO_STREAM = 0;
    /**
     * no check (use only for streams with a single writer: two concurrent writers of one stream at ANY could
     * commit its versions out of transaction-id order, which is the order the relay publishes in)
     */
    public static final long ANY = -1;

    private ExpectedVersion() {}
}
