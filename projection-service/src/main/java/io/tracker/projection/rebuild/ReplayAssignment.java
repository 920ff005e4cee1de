package io.tracker.projection.rebuild;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.Intake;
import io.tracker.projection.apply.Progress;

/**
 * A rebuild's intake: assigned every partition of the topics, each from its group's committed offset (a rebuild
 * resumed after a restart) or the beginning, up to the end offsets seen at the start ({@link #target()}); the
 * replay is done when its position reached them on every partition. A load's ({@link #load}) starts every partition
 * at the beginning (its group's offsets reset there: a load is never resumed) and may end earlier, where it is, when
 * {@code endEarly} says so (its memory bound reached).
 */
final class ReplayAssignment implements Intake {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final Set<String> topics;
    private final String clientId;
    private final boolean fromBeginning;
    private final BooleanSupplier endEarly;
    private volatile Map<TopicPartition, Long> target = Map.of();

    ReplayAssignment(Set<String> topics, String clientId) {
        this(topics, clientId, false, () -> false);
    }

    private ReplayAssignment(Set<String> topics, String clientId, boolean fromBeginning, BooleanSupplier endEarly) {
        this.topics = Set.copyOf(topics);
        this.clientId = clientId;
        this.fromBeginning = fromBeginning;
        this.endEarly = endEarly;
    }

    /** A load's intake: from the beginning of every partition, whatever the group committed; done early on demand. */
    static ReplayAssignment load(Set<String> topics, String clientId, BooleanSupplier endEarly) {
        return new ReplayAssignment(topics, clientId, true, endEarly);
    }

    @Override
    public void join(KafkaConsumer<String, byte[]> c, Progress progress) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        c.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null && !fromBeginning) {
                c.seek(tp, offset.offset());
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
        target = Map.copyOf(c.endOffsets(partitions));
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(tp -> positions.put(tp, c.position(tp)));
        if (fromBeginning) {
            // a restarted load starts over: what an earlier attempt committed must not be where the replay resumes
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            positions.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
            c.commitSync(reset);
        }
        progress.replaying(positions);
        LOG.infof("rebuild consumer %s: %d partitions, replaying up to %s", clientId, partitions.size(), target);
    }

    @Override
    public boolean reachedEnd(KafkaConsumer<String, byte[]> c) {
        if (endEarly.getAsBoolean()) {
            return true;
        }
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (c.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The end offsets the replay reads up to (empty until it took its partitions). */
    Map<TopicPartition, Long> target() {
        return target;
    }
}
