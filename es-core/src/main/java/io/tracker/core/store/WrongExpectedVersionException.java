package io.tracker.core.store;

/** Optimistic concurrency conflict: the stream is not at the version the writer expected. */
public final class WrongExpectedVersionException extends RuntimeException {
    private final String streamId;
    private final long expectedVersion;
    private final long currentVersion;

    public WrongExpectedVersionException(String streamId, long expectedVersion, long currentVersion) {
        super("stream '" + streamId + "' is at version " + currentVersion + ", not at the expected version "
                + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
