package io.tracker.core.store;

/**
 * Where a commit-order reader is: after the event at {@code position} written by transaction
 * {@code transactionId}. {@link #START} is before everything.
 */
public record Checkpoint(long transactionId, long position) {
    public static final Checkpoint START = new Checkpoint(0, 0);

    /** Text form {@code <transactionId>:<position>}, for URLs. */
    public static Checkpoint parse(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "a checkpoint looks like <transactionId>:<position>, not '" + text + "'");
        }
        try {
            return new Checkpoint(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "a checkpoint looks like <transactionId>:<position>, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return transactionId + ":" + position;
    }
}
