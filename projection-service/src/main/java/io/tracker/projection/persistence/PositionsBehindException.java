package io.tracker.projection.persistence;

/**
 * A batch's transaction found the database holding less than its consumer last wrote on some partition
 * ({@link AppliedPositions#write}): commits were lost. The transaction is rolled back; the consumer takes its
 * positions from the database again and reads the lost records anew.
 */
public final class PositionsBehindException extends RuntimeException {
    public PositionsBehindException(long partitions) {
        super("the database holds less than this consumer applied on " + partitions
                + " partition(s): commits were lost; reading again from the database's positions");
    }
}
