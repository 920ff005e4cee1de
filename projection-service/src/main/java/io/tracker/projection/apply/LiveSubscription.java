package io.tracker.projection.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.tracker.projection.persistence.PartitionPosition;

/**
 * A live consumer's intake: subscribed with the service's group, partitions come and go with rebalances. The
 * database is where it is: every partition it is given starts at the position the database holds
 * ({@code persistence.AppliedPositions}; none: from the beginning), whatever Kafka's committed offset says, so the
 * offsets can be committed asynchronously ({@link #commitEvery()}) and the transactions need not wait for their WAL
 * flush. A partition whose position cannot be read yet (the database unreachable) stays paused and is tried again
 * before the next polls, at most once a second. Each batch's transaction checks that the database still holds what
 * this intake last wrote or read ({@link #held}); when it does not, every partition is placed again.
 */
public final class LiveSubscription implements Intake {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

    private final Set<String> topics;
    private final Function<Collection<String>, List<PartitionPosition>> database;
    private final Duration commitEvery;
    /** Given, not placed yet: paused until the database's positions are read. */
    private final Set<TopicPartition> unplaced = new LinkedHashSet<>();
    /** Per placed partition, the next offset the database holds (as far as this intake knows); none: no row yet. */
    private final Map<TopicPartition, Long> held = new HashMap<>();
    /** Placed at the database's positions, not yet taken for Kafka's committed offsets to follow. */
    private final Map<TopicPartition, Long> placed = new HashMap<>();

    private Progress progress;
    private long nextTry;
    private boolean warned;

    /**
     * {@code database}: the positions the database holds in these topics (blocking, on the loop's thread);
     * {@code commitEvery}: how often the offsets are committed to Kafka.
     */
    public LiveSubscription(
            Set<String> topics, Function<Collection<String>, List<PartitionPosition>> database, Duration commitEvery) {
        this.topics = Set.copyOf(topics);
        this.database = database;
        this.commitEvery = commitEvery;
    }

    @Override
    public void join(KafkaConsumer<String, byte[]> consumer, Progress progress) {
        this.progress = progress;
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                unplace(consumer, partitions);
                place(consumer);
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                unplaced.removeAll(partitions);
                held.keySet().removeAll(partitions);
                placed.keySet().removeAll(partitions);
                progress.revoked(partitions);
            }
        });
    }

    @Override
    public void beforePoll(KafkaConsumer<String, byte[]> consumer) {
        if (!unplaced.isEmpty() && System.nanoTime() - nextTry >= 0) {
            place(consumer);
        }
    }

    @Override
    public boolean reachedEnd(KafkaConsumer<String, byte[]> consumer) {
        return false;
    }

    @Override
    public List<PartitionPosition> held(Map<TopicPartition, Long> next) {
        List<PartitionPosition> expected = new ArrayList<>(next.size());
        next.keySet().forEach(tp -> {
            Long at = held.get(tp);
            if (at != null) {
                expected.add(new PartitionPosition(tp.topic(), tp.partition(), at));
            }
        });
        return expected;
    }

    @Override
    public Map<TopicPartition, Long> takePlaced() {
        if (placed.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> taken = Map.copyOf(placed);
        placed.clear();
        return taken;
    }

    @Override
    public void applied(Map<TopicPartition, Long> next) {
        held.putAll(next);
    }

    @Override
    public void fromDatabaseAgain(KafkaConsumer<String, byte[]> consumer) {
        unplace(consumer, consumer.assignment());
        place(consumer);
    }

    @Override
    public Duration commitEvery() {
        return commitEvery;
    }

    private void unplace(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> partitions) {
        unplaced.addAll(partitions);
        held.keySet().removeAll(partitions);
        consumer.pause(partitions);
    }

    /** Seeks the unplaced partitions to the database's positions and resumes them; on failure, tries again later. */
    private void place(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>(unplaced);
        partitions.retainAll(consumer.assignment());
        if (partitions.isEmpty()) {
            unplaced.clear();
            return; // a rebalance that gave nothing: no question to the database
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        try {
            database.apply(topics)
                    .forEach(p -> stored.put(new TopicPartition(p.topic(), p.partition()), p.nextOffset()));
        } catch (RuntimeException e) {
            nextTry = System.nanoTime() + RETRY_NANOS;
            progress.lastError(e.toString());
            if (!warned) {
                LOG.warnf(
                        "live consumer: reading the database's positions failed (%s); partitions %s wait",
                        e, partitions);
                warned = true;
            }
            return;
        }
        warned = false;
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long at = stored.get(tp);
            if (at == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, at);
                held.put(tp, at);
                placed.put(tp, at);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
        consumer.resume(partitions);
        unplaced.clear();
        progress.assigned(partitions, consumer::position);
        LOG.debugf("live consumer: %s placed at the database's positions %s", partitions, stored);
    }
}
