package io.tracker.projection.apply;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Where a loop is: its phase, per partition the offset of the first record not applied yet and the lag behind
 * the end offsets (also as the {@code live}/{@code rebuild} lag gauges), and its last error. Written on the loop's
 * thread, read by health checks and the rebuild status.
 */
public final class Progress {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration OBSERVE_EVERY = Duration.ofMillis(500);

    private final LoopSettings settings;
    private final ProjectionMetrics metrics;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    /** Per partition, the offset of the first record not applied yet. */
    private final Map<TopicPartition, Long> nextToApply = new ConcurrentHashMap<>();

    private volatile boolean joined;
    private volatile LoopPhase phase = LoopPhase.STARTING;
    private volatile String lastError;
    private long lastObserved;
    private long lastAsked;

    Progress(LoopSettings settings, ProjectionMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /** A replay took all its partitions, each starting at {@code positions}: it is catching up. */
    public void replaying(Map<TopicPartition, Long> positions) {
        nextToApply.putAll(positions);
        joined = true;
        phase = LoopPhase.CATCHING_UP;
    }

    /** A rebalance gave the loop these partitions. */
    void assigned(Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> position) {
        partitions.forEach(tp -> nextToApply.put(tp, position.applyAsLong(tp)));
        joined = true;
        if (phase == LoopPhase.STARTING) {
            phase = LoopPhase.CATCHING_UP;
        }
        lastObserved = 0;
    }

    /** A rebalance took these partitions away. */
    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            lag.remove(tp);
            nextToApply.remove(tp);
            metrics.lag(settings.metricName(), tp.topic(), tp.partition(), 0);
        });
    }

    /** A batch up to {@code next} (exclusive, per partition) was applied. */
    void applied(Map<TopicPartition, Long> next) {
        next.forEach((tp, offset) -> {
            nextToApply.put(tp, offset);
            metrics.lastApplied(settings.metricName(), tp.topic(), tp.partition(), offset - 1);
        });
    }

    /** The batch in hand is not applied yet: it counts as lag until it is (a stuck apply is not "live"). */
    void pending(ConsumerRecords<String, byte[]> records, Map<TopicPartition, Long> next) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            TopicPartition tp = e.getKey();
            long first = records.records(tp).get(0).offset();
            long behind = e.getValue() - Math.min(nextToApply.getOrDefault(tp, first), first);
            lag.merge(tp, behind, Math::max);
        }
        for (long l : lag.values()) {
            total += l;
        }
        if (settings.target().isLive() && total > settings.liveLagThreshold()) {
            phase = LoopPhase.CATCHING_UP;
        }
    }

    /**
     * Updates lag and phase, at most twice a second unless records were just applied; from the end offsets the
     * consumer knows, or (at most twice a second) from the broker's.
     */
    void observe(KafkaConsumer<String, byte[]> c, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastObserved < OBSERVE_EVERY.toNanos()) {
            return;
        }
        lastObserved = now;
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            lag.clear();
            if (!settings.target().isLive() || joined) {
                phase = LoopPhase.LIVE;
            }
            return;
        }
        try {
            Map<TopicPartition, Long> ends = knownEnds(c, assigned);
            if (ends == null) {
                if (now - lastAsked < OBSERVE_EVERY.toNanos()) {
                    return; // asked the broker a moment ago; the next observation will know more
                }
                lastAsked = now;
                ends = c.endOffsets(assigned, Duration.ofSeconds(2));
            }
            long total = 0;
            for (TopicPartition tp : assigned) {
                long applied = nextToApply.computeIfAbsent(tp, c::position);
                long l = Math.max(0, ends.getOrDefault(tp, 0L) - applied);
                lag.put(tp, l);
                metrics.lag(settings.metricName(), tp.topic(), tp.partition(), l);
                total += l;
            }
            lag.keySet().retainAll(assigned);
            if (settings.target().isLive()) {
                phase = total <= settings.liveLagThreshold() ? LoopPhase.LIVE : LoopPhase.CATCHING_UP;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf("consumer %s: end offsets unavailable (%s)", settings.clientId(), e.toString());
        }
    }

    /**
     * The end offsets the consumer already knows from its last fetch of each partition (its position plus
     * {@link KafkaConsumer#currentLag}: the broker's last stable offset, sent with every fetch response), without a
     * request; null while one of them is not known yet (then the broker is asked). Asking on every applied batch cost
     * the broker and this service a ListOffsets round trip per batch, most of the work at low rates.
     */
    private static Map<TopicPartition, Long> knownEnds(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned) {
        Map<TopicPartition, Long> ends = new HashMap<>(assigned.size() * 2);
        for (TopicPartition tp : assigned) {
            OptionalLong behind = c.currentLag(tp);
            if (behind.isEmpty()) {
                return null;
            }
            ends.put(tp, c.position(tp) + behind.getAsLong());
        }
        return ends;
    }

    void phase(LoopPhase phase) {
        this.phase = phase;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    public LoopPhase phase() {
        return phase;
    }

    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<TopicPartition, Long> lagByPartition() {
        return Map.copyOf(lag);
    }

    /** Per partition, the offset of the first record not applied yet. */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(nextToApply);
    }

    public String lastError() {
        return lastError;
    }
}
