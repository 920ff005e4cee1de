package io.tracker.projection.apply;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * When a loop commits its Kafka offsets, always after the database committed what they cover: a replay after every
 * batch, synchronously (it resumes from them); a live loop, which takes its positions from the database, at most
 * every {@link Intake#commitEvery()}, asynchronously, and once more when it stops. A commit that fails is logged:
 * the records come again and are recognised as applied.
 */
final class OffsetCommits {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String clientId;
    private final Duration every;
    private final Stages stages;
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private long last = System.nanoTime();

    OffsetCommits(String clientId, Duration every, Stages stages) {
        this.clientId = clientId;
        this.every = every;
        this.stages = stages;
    }

    /** A batch reaching {@code next} was committed in the database. */
    void applied(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> next) {
        next.forEach((tp, offset) -> pending.put(tp, new OffsetAndMetadata(offset)));
        if (every.isZero()) {
            flush(c);
        } else {
            due(c);
        }
    }

    /**
     * Where a live intake placed partitions (the database's positions): committed with the next commit unless a
     * batch applied there since (Kafka's offsets follow the database's even on partitions without traffic).
     */
    void placed(Map<TopicPartition, Long> positions) {
        positions.forEach((tp, offset) -> pending.putIfAbsent(tp, new OffsetAndMetadata(offset)));
    }

    /** Commits what is pending, asynchronously, if the interval passed since the last commit. */
    void due(KafkaConsumer<String, byte[]> c) {
        if (pending.isEmpty() || System.nanoTime() - last < every.toNanos()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = take(c);
        if (offsets.isEmpty()) {
            return;
        }
        long committing = System.nanoTime();
        c.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                LOG.debugf("consumer %s: committing offsets failed (%s); the database has the positions", clientId, e);
            }
        });
        stages.commit.addAndGet(System.nanoTime() - committing);
    }

    /** Commits what is pending, synchronously. */
    void flush(KafkaConsumer<String, byte[]> c) {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = take(c);
        if (offsets.isEmpty()) {
            return;
        }
        long committing = System.nanoTime();
        try {
            c.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // applied but not committed: the records come again and are recognised as applied
            LOG.warnf(
                    "consumer %s: committing offsets failed (%s); the batch will be redelivered and skipped",
                    clientId, e.toString());
        } finally {
            stages.commit.addAndGet(System.nanoTime() - committing);
        }
    }

    /** The pending offsets of the partitions still assigned (a rebalance may have taken some away). */
    private Map<TopicPartition, OffsetAndMetadata> take(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending);
        offsets.keySet().retainAll(c.assignment());
        pending.clear();
        last = System.nanoTime();
        return offsets;
    }
}
