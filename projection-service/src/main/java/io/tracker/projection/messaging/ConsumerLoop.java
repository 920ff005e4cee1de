package io.tracker.projection.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.persistence.ApplyResult;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.PartitionPosition;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * One Kafka consumer on its own thread: poll, read the records, dead-letter the poison ones, apply the rest
 * in ONE database transaction, and only then commit the offsets. Delivery is at least once; applying is
 * idempotent (the fact rows' keys), so every event changes the read models exactly once. A batch the
 * database refuses is retried with backoff, never skipped.
 * <p>
 * Live consumers subscribe with the service's group; a rebuild consumer is assigned every partition, starts
 * from its group's committed offsets or the beginning, and stops once it reached the end offsets it saw
 * when it started ({@code onCaughtUp}).
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OBSERVE_EVERY = Duration.ofMillis(500);

    /** Where a consumer is: STARTING (no partitions yet), CATCHING_UP, LIVE, STOPPED or FAILED. */
    public enum Phase { STARTING, CATCHING_UP, LIVE, STOPPED, FAILED }

    /**
     * {@code metricName}: the consumer tag of its metrics ({@code live}, {@code rebuild}); {@code topics}: the
     * kind of stream each topic carries.
     */
    public record Settings(String metricName, String clientId, String groupId, Map<String, StreamKind> topics,
            ApplyTarget target, Duration pollTimeout, int maxPollRecords, long liveLagThreshold,
            Duration maxBackoff) {
    }

    private final Settings settings;
    private final Map<String, Object> kafkaConfig;
    private final ProjectionWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final ProjectionMetrics metrics;
    private final Runnable onCaughtUp;
    private final RecordReader reader = new RecordReader();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
    /** Per partition, the offset of the first record not applied yet. */
    private final Map<TopicPartition, Long> nextToApply = new ConcurrentHashMap<>();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong poison = new AtomicLong();
    private volatile Map<TopicPartition, Long> target = Map.of();
    private volatile boolean running = true;
    private volatile boolean joined;
    private volatile Phase phase = Phase.STARTING;
    private volatile String lastError;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long lastObserved;
    /** A rebuild's batch being applied while the next one is polled and read (only on the loop's thread). */
    private java.util.concurrent.CompletableFuture<ApplyResult> inFlight;
    private Batch inFlightBatch;

    private final ApplyTracing tracing;

    /** {@code deadLetters} null: poison records are counted and skipped (a rebuild: they were dead-lettered live). */
    public ConsumerLoop(Settings settings, Map<String, Object> kafkaConfig, ProjectionWriter writer,
            DeadLetterPublisher deadLetters, ProjectionMetrics metrics, Runnable onCaughtUp) {
        this(settings, kafkaConfig, writer, deadLetters, metrics, onCaughtUp, ApplyTracing.OFF);
    }

    /** With {@code tracing}: the live apply in the producers' traces ({@link ApplyTracing}). */
    ConsumerLoop(Settings settings, Map<String, Object> kafkaConfig, ProjectionWriter writer,
            DeadLetterPublisher deadLetters, ProjectionMetrics metrics, Runnable onCaughtUp, ApplyTracing tracing) {
        this.tracing = tracing;
        this.settings = settings;
        this.kafkaConfig = kafkaConfig;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.onCaughtUp = onCaughtUp;
    }

    public Thread start() {
        Thread thread = new Thread(this, "projection-" + settings.clientId());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Stops after the batch in hand (its offsets are not committed if it was not applied). */
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Whether {@link #stop()} was called or the loop ended (long work in {@code onCaughtUp} can give up). */
    public boolean stopping() {
        return !running;
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            if (settings.target().isLive()) {
                c.subscribe(settings.topics().keySet(), new Rebalance());
            } else {
                assignForRebuild(c);
            }
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(settings.pollTimeout());
                if (!records.isEmpty()) {
                    handle(c, records);
                } else {
                    completeInFlight(c); // nothing to read meanwhile
                }
                observe(c, !records.isEmpty());
                if (running && !settings.target().isLive() && reachedTarget(c)) {
                    completeInFlight(c); // the last batch applied before catching up
                }
                if (running && !settings.target().isLive() && inFlight == null && reachedTarget(c)) {
                    phase = Phase.LIVE;
                    onCaughtUp.run();
                    running = false;
                }
            }
            phase = Phase.STOPPED;
        } catch (WakeupException e) {
            phase = Phase.STOPPED;
        } catch (RuntimeException | Error e) {
            lastError = e.toString();
            phase = Phase.FAILED;
            LOG.errorf(e, "consumer %s stopped on an error", settings.clientId());
        } finally {
            consumer = null;
            finished.countDown();
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (!k.contains("serializer") && !k.contains("deserializer")) {
                config.put(k, v);
            }
        });
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    private void assignForRebuild(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : settings.topics().keySet()) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        c.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(partitions));
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata offset = committed.get(tp);
            if (offset != null) {
                c.seek(tp, offset.offset());
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
        target = Map.copyOf(c.endOffsets(partitions));
        partitions.forEach(tp -> nextToApply.put(tp, c.position(tp)));
        joined = true;
        phase = Phase.CATCHING_UP;
        LOG.infof("rebuild consumer %s: %d partitions, replaying up to %s", settings.clientId(), partitions.size(),
                target);
    }

    private boolean reachedTarget(KafkaConsumer<String, byte[]> c) {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (c.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** A batch read and ready to apply: its events, the positions to record, the offsets to commit after. */
    private record Batch(List<Incoming.Event> events, List<ApplyTracing.Trace> traces, List<PartitionPosition> positions,
            Map<TopicPartition, Long> next) {
    }

    private void handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Batch batch = read(records);
        if (batch == null) {
            return;
        }
        if (settings.target().isLive()) {
            List<io.opentelemetry.api.trace.Span> spans = tracing.start(batch.events(), batch.traces());
            ApplyResult result = applyRetrying(batch);
            tracing.end(batch.events(), batch.traces(), spans, result != null);
            if (result != null) {
                applied(c, batch, result);
            }
            return;
        }
        // a rebuild's replay: the previous batch's apply ran while this one was polled and read
        completeInFlight(c);
        if (!running) {
            return;
        }
        inFlightBatch = batch;
        inFlight = writer.apply(settings.target(), settings.groupId(), batch.events(), batch.positions())
                .subscribeAsCompletionStage();
    }

    /** Reads the records, dead-letters the poison ones; null when stopped while dead-lettering. */
    private Batch read(ConsumerRecords<String, byte[]> records) {
        List<Incoming.Event> events = new ArrayList<>();
        List<ApplyTracing.Trace> traces = new ArrayList<>();
        List<DeadLetterPublisher.DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Incoming in = reader.read(record, settings.topics().get(record.topic()));
            if (in instanceof Incoming.Event e) {
                events.add(e);
                traces.add(tracing.of(record));
            } else {
                Incoming.Poison p = (Incoming.Poison) in;
                letters.add(new DeadLetterPublisher.DeadLetter(record, p.reason(), p.detail()));
            }
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        if (!letters.isEmpty() && !retrying("dead-lettering " + letters.size() + " record(s)", () -> deadLetter(letters))) {
            return null;
        }
        List<PartitionPosition> positions = new ArrayList<>();
        next.forEach((tp, offset) -> positions.add(new PartitionPosition(tp.topic(), tp.partition(), offset)));
        pending(records, next);
        return new Batch(events, traces, positions, next);
    }

    /** Applies the batch, retrying until done; null when the loop was stopped first. */
    private ApplyResult applyRetrying(Batch batch) {
        ApplyResult[] result = new ApplyResult[1];
        if (!retrying("applying " + batch.events().size() + " event(s)", () -> result[0] = writer
                .apply(settings.target(), settings.groupId(), batch.events(), batch.positions()).await()
                .atMost(APPLY_TIMEOUT))) {
            return null;
        }
        return result[0];
    }

    /** Waits for the rebuild batch being applied (applying it again, retrying, if that failed), then commits it. */
    private void completeInFlight(KafkaConsumer<String, byte[]> c) {
        java.util.concurrent.CompletableFuture<ApplyResult> future = inFlight;
        Batch batch = inFlightBatch;
        if (future == null) {
            return;
        }
        inFlight = null;
        inFlightBatch = null;
        ApplyResult result;
        try {
            result = future.get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // applying is idempotent: the same batch again, with the usual retries
            LOG.warnf("consumer %s: applying %d event(s) failed (%s); retrying", settings.clientId(),
                    batch.events().size(), e.toString());
            result = applyRetrying(batch);
            if (result == null) {
                return;
            }
        }
        applied(c, batch, result);
    }

    /** After the database commit: count the batch, commit its offsets. */
    private void applied(KafkaConsumer<String, byte[]> c, Batch batch, ApplyResult result) {
        if (result.targetGone()) {
            LOG.warnf("consumer %s: its generation is no longer being built; stopping", settings.clientId());
            running = false;
            return;
        }
        eventsApplied.addAndGet(result.applied());
        duplicates.addAndGet(result.duplicates());
        transactions.incrementAndGet();
        metrics.applied(settings.metricName(), result.applied(), result.duplicates());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batch.next().forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        try {
            c.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // applied but not committed: the records come again and are recognised as applied
            LOG.warnf("consumer %s: committing offsets failed (%s); the batch will be redelivered and skipped",
                    settings.clientId(), e.toString());
        }
        batch.next().forEach((tp, offset) -> {
            nextToApply.put(tp, offset);
            metrics.lastApplied(settings.metricName(), tp.topic(), tp.partition(), offset - 1);
        });
    }

    /** The batch in hand is not applied yet: it counts as lag until it is (a stuck apply is not "live"). */
    private void pending(ConsumerRecords<String, byte[]> records, Map<TopicPartition, Long> next) {
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
            phase = Phase.CATCHING_UP;
        }
    }

    private void deadLetter(List<DeadLetterPublisher.DeadLetter> letters) {
        if (deadLetters == null) {
            letters.forEach(l -> metrics.poisonSkipped(l.reason()));
        } else {
            deadLetters.send(letters);
            letters.forEach(l -> {
                metrics.deadLetter(l.reason());
                LOG.warnf("dead-lettered %s-%d@%d: %s (%s)", l.record().topic(), l.record().partition(),
                        l.record().offset(), l.reason(), l.detail());
            });
        }
        poison.addAndGet(letters.size());
    }

    /** Runs {@code work} until it succeeds (true) or the loop is stopped (false), backing off between tries. */
    private boolean retrying(String what, Runnable work) {
        long backoff = 100;
        boolean warned = false;
        while (running) {
            try {
                work.run();
                if (warned) {
                    LOG.infof("consumer %s: %s succeeded after retries", settings.clientId(), what);
                }
                lastError = null;
                return true;
            } catch (RuntimeException e) {
                lastError = e.toString();
                if (!warned) {
                    LOG.warnf("consumer %s: %s failed (%s); retrying", settings.clientId(), what, e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return false;
                }
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
        return false;
    }

    /** Updates lag and phase, at most twice a second unless records were just applied. */
    private void observe(KafkaConsumer<String, byte[]> c, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastObserved < OBSERVE_EVERY.toNanos()) {
            return;
        }
        lastObserved = now;
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            lag.clear();
            if (!settings.target().isLive() || joined) {
                phase = Phase.LIVE;
            }
            return;
        }
        try {
            Map<TopicPartition, Long> ends = c.endOffsets(assigned, Duration.ofSeconds(2));
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
                phase = total <= settings.liveLagThreshold() ? Phase.LIVE : Phase.CATCHING_UP;
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debugf("consumer %s: end offsets unavailable (%s)", settings.clientId(), e.toString());
        }
    }

    public Phase phase() {
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

    /** For a rebuild: the end offsets it replays up to. */
    public Map<TopicPartition, Long> target() {
        return target;
    }

    public String lastError() {
        return lastError;
    }

    public long eventsApplied() {
        return eventsApplied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public long poison() {
        return poison.get();
    }

    public Settings settings() {
        return settings;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                partitions.forEach(tp -> nextToApply.put(tp, c.position(tp)));
            }
            joined = true;
            if (phase == Phase.STARTING) {
                phase = Phase.CATCHING_UP;
            }
            lastObserved = 0;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> {
                lag.remove(tp);
                nextToApply.remove(tp);
                metrics.lag(settings.metricName(), tp.topic(), tp.partition(), 0);
            });
        }
    }
}
