package io.tracker.projection.apply;

import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * How a {@link ConsumerLoop} takes its partitions and when it is done: the live consumers subscribe with the
 * service's group and never end ({@link LiveSubscription}); a rebuild's replay is assigned every partition and
 * ends at the end offsets it saw when it started (the rebuild package's {@code ReplayAssignment}).
 */
public interface Intake {

    /** Takes the partitions (on the loop's thread, before the first poll), telling {@code progress} where they start. */
    void join(KafkaConsumer<String, byte[]> consumer, Progress progress);

    /** Whether every partition reached the end this intake reads up to (a live one never does). */
    boolean reachedEnd(KafkaConsumer<String, byte[]> consumer);
}
