package io.tracker.projection.apply;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.tracker.projection.persistence.PartitionPosition;

/**
 * How a {@link ConsumerLoop} takes its partitions and when it is done: the live consumers subscribe with the
 * service's group and never end ({@link LiveSubscription}); a rebuild's replay is assigned every partition and
 * ends at the end offsets it saw when it started (the rebuild package's {@code ReplayAssignment}). A live intake
 * takes its positions from the database and has its batches check them; a replay's are its group's Kafka offsets,
 * committed after every batch.
 */
public interface Intake {

    /** Takes the partitions (on the loop's thread, before the first poll), telling {@code progress} where they start. */
    void join(KafkaConsumer<String, byte[]> consumer, Progress progress);

    /** Whether every partition reached the end this intake reads up to (a live one never does). */
    boolean reachedEnd(KafkaConsumer<String, byte[]> consumer);

    /** Before each poll (a live intake places the partitions whose positions it could not read yet). */
    default void beforePoll(KafkaConsumer<String, byte[]> consumer) {}

    /**
     * What the database must hold already on the partitions of a batch reaching {@code next}, checked in the batch's
     * transaction; empty: nothing to check (a replay's positions are its Kafka offsets).
     */
    default List<PartitionPosition> held(Map<TopicPartition, Long> next) {
        return List.of();
    }

    /**
     * The positions the intake placed partitions at since the last call (taken: each is returned once), for Kafka's
     * committed offsets to follow them; empty for an intake whose positions are Kafka's.
     */
    default Map<TopicPartition, Long> takePlaced() {
        return Map.of();
    }

    /** A batch reaching {@code next} was applied (the database holds it). */
    default void applied(Map<TopicPartition, Long> next) {}

    /** The database was found holding less than the loop applied: every partition's position read from it again. */
    default void fromDatabaseAgain(KafkaConsumer<String, byte[]> consumer) {}

    /** How often the offsets are committed to Kafka, asynchronously; zero: synchronously after every batch. */
    default Duration commitEvery() {
        return Duration.ZERO;
    }
}
