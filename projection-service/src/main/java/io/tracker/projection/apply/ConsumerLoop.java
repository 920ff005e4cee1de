package io.tracker.projection.apply;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.tracker.projection.persistence.ApplyResult;
import io.tracker.projection.persistence.PartitionPosition;
import io.tracker.projection.persistence.PositionsBehindException;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * One Kafka consumer on its own thread: poll, read the records ({@link BatchReader}), dead-letter the poison ones
 * ({@link DeadLettering}), apply the rest in ONE database transaction, and only then commit the offsets. Delivery
 * is at least once; applying is idempotent (the fact rows' keys), so every event changes the read models exactly
 * once. A batch the database refuses is retried with backoff ({@link Retrying}), never skipped.
 * <p>
 * Its {@link Intake} takes the partitions: live consumers subscribe with the service's group; a rebuild's replay is
 * assigned every partition and stops once it reached the end offsets it saw when it started ({@code onCaughtUp}).
 * A replay applies a batch while it polls and reads the next one; a live loop applies each batch before polling again.
 * Where it is (phase, lag, positions): {@link Progress}.
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(2);

    private final LoopSettings settings;
    private final Intake intake;
    private final Map<String, Object> kafkaConfig;
    private final Applier writer;
    private final ProjectionMetrics metrics;
    private final Runnable onCaughtUp;
    private final ApplyTracing tracing;
    private final BatchReader reader;
    private final DeadLettering deadLettering;
    private final Progress progress;
    private final Retrying retrying;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final Stages stages = new Stages();
    private final OffsetCommits commits;
    /** Set when a batch's transaction found the database behind what this loop applied (commits lost). */
    private boolean databaseBehind;

    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** A rebuild's batch being applied while the next one is polled and read. */
    private final ReplayPipeline pipeline;

    /**
     * {@code deadLetters} null: poison records are counted and skipped (a rebuild: they were dead-lettered live);
     * {@code tracing}: the live apply in the producers' traces ({@link ApplyTracing}, {@link ApplyTracing#OFF} for none).
     */
    public ConsumerLoop(
            LoopSettings settings,
            Intake intake,
            Map<String, Object> kafkaConfig,
            ProjectionWriter writer,
            DeadLetterPublisher deadLetters,
            ProjectionMetrics metrics,
            ApplyTracing tracing,
            Runnable onCaughtUp) {
        this(settings, intake, kafkaConfig, Applier.of(writer), deadLetters, metrics, tracing, onCaughtUp);
    }

    /** The same with {@code applier} applying its batches (a rebuild's load: {@code GenerationLoad}). */
    public ConsumerLoop(
            LoopSettings settings,
            Intake intake,
            Map<String, Object> kafkaConfig,
            Applier writer,
            DeadLetterPublisher deadLetters,
            ProjectionMetrics metrics,
            ApplyTracing tracing,
            Runnable onCaughtUp) {
        this.settings = settings;
        this.intake = intake;
        this.kafkaConfig = kafkaConfig;
        this.writer = writer;
        this.metrics = metrics;
        this.tracing = tracing;
        this.onCaughtUp = onCaughtUp;
        this.reader = new BatchReader(settings.topics(), tracing);
        this.deadLettering = new DeadLettering(deadLetters, metrics);
        this.progress = new Progress(settings, metrics);
        this.pipeline = new ReplayPipeline(writer, settings, stages, APPLY_TIMEOUT);
        this.commits = new OffsetCommits(settings.clientId(), intake.commitEvery(), stages);
        this.retrying = new Retrying(
                settings.clientId(), settings.maxBackoff(), progress, () -> running, () -> running = false);
    }

    public Thread start() {
        return start(this);
    }

    /** Starts {@code body} on the loop's thread: this loop's {@link #run()}, wrapped (e.g. in a setting held while it runs). */
    public Thread start(Runnable body) {
        Thread thread = new Thread(body, "projection-" + settings.clientId());
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
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                settings.consumerConfig(kafkaConfig), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            intake.join(c, progress);
            stages.started = System.nanoTime();
            try {
                loop(c);
            } finally {
                if (!Thread.currentThread().isInterrupted()) {
                    commits.flush(c); // what a live loop applied since its last commit
                }
            }
            progress.phase(LoopPhase.STOPPED);
        } catch (WakeupException e) {
            progress.phase(LoopPhase.STOPPED);
        } catch (RuntimeException | Error e) {
            progress.lastError(e.toString());
            progress.phase(LoopPhase.FAILED);
            LOG.errorf(e, "consumer %s stopped on an error", settings.clientId());
        } finally {
            consumer = null;
            finished.countDown();
        }
    }

    private void loop(KafkaConsumer<String, byte[]> c) {
        try {
            while (running) {
                intake.beforePoll(c);
                long polling = System.nanoTime();
                ConsumerRecords<String, byte[]> records = c.poll(settings.pollTimeout());
                stages.poll.addAndGet(System.nanoTime() - polling);
                commits.placed(intake.takePlaced());
                if (!records.isEmpty()) {
                    handle(c, records);
                } else {
                    completeInFlight(c); // nothing to read meanwhile
                    commits.due(c);
                }
                progress.observe(c, !records.isEmpty());
                if (running && intake.reachedEnd(c)) {
                    completeInFlight(c); // the last batch applied before catching up
                }
                if (running && pipeline.idle() && intake.reachedEnd(c)) {
                    progress.phase(LoopPhase.LIVE);
                    onCaughtUp.run();
                    running = false;
                }
            }
        } catch (WakeupException e) {
            // stopped: the offsets applied so far are still committed
        }
    }

    private void handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Batch batch = read(records);
        if (batch == null) {
            return;
        }
        if (settings.target().isLive()) {
            List<Span> spans = tracing.start(batch.events(), batch.traces());
            ApplyResult result = applyRetrying(batch);
            tracing.end(batch.events(), batch.traces(), spans, result != null);
            if (result != null) {
                applied(c, batch, result);
            } else if (databaseBehind) {
                databaseBehind = false;
                LOG.warnf(
                        "consumer %s: the database holds less than this consumer applied (commits lost, e.g. a crash"
                                + " of PostgreSQL); reading again from its positions",
                        settings.clientId());
                intake.fromDatabaseAgain(c);
            }
            return;
        }
        // a rebuild's replay: the previous batch's apply ran while this one was polled and read
        completeInFlight(c);
        if (!running) {
            return;
        }
        pipeline.start(batch);
    }

    /** Reads the records, dead-letters the poison ones; null when stopped while dead-lettering. */
    private Batch read(ConsumerRecords<String, byte[]> records) {
        long reading = System.nanoTime();
        try {
            BatchReader.Read read = reader.read(records);
            List<DeadLetterPublisher.DeadLetter> letters = read.letters();
            if (!letters.isEmpty()
                    && !retrying.run(
                            "dead-lettering " + letters.size() + " record(s)", () -> deadLettering.handle(letters))) {
                return null;
            }
            progress.pending(records, read.batch().next());
            return read.batch();
        } finally {
            stages.read.addAndGet(System.nanoTime() - reading);
        }
    }

    /** Applies the batch, retrying until done; null when the loop was stopped first. */
    private ApplyResult applyRetrying(Batch batch) {
        ApplyResult[] result = new ApplyResult[1];
        List<PartitionPosition> held = intake.held(batch.next());
        long applying = System.nanoTime();
        try {
            return retrying.run("applying " + batch.events().size() + " event(s)", () -> {
                        try {
                            result[0] = writer.apply(
                                            settings.target(),
                                            settings.groupId(),
                                            batch.events(),
                                            batch.positions(),
                                            held)
                                    .await()
                                    .atMost(APPLY_TIMEOUT);
                        } catch (RuntimeException e) {
                            if (!behind(e)) {
                                throw e;
                            }
                            databaseBehind = true; // not applied: the loop reads again from the database's positions
                        }
                    })
                    ? result[0]
                    : null;
        } finally {
            stages.apply.addAndGet(System.nanoTime() - applying);
            stages.applyWait.addAndGet(System.nanoTime() - applying);
        }
    }

    private static boolean behind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PositionsBehindException) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the rebuild batch being applied (applying it again, retrying, if that failed), then commits it. */
    private void completeInFlight(KafkaConsumer<String, byte[]> c) {
        ReplayPipeline.Outcome outcome;
        try {
            outcome = pipeline.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        if (outcome == null) {
            return;
        }
        ApplyResult result = outcome.result();
        if (outcome.failure() != null) {
            // applying is idempotent: the same batch again, with the usual retries
            LOG.warnf(
                    "consumer %s: applying %d event(s) failed (%s); retrying",
                    settings.clientId(),
                    outcome.batch().events().size(),
                    outcome.failure().toString());
            result = applyRetrying(outcome.batch());
            if (result == null) {
                return;
            }
        }
        applied(c, outcome.batch(), result);
    }

    /** After the database commit: count the batch, commit its offsets (now, or with the next ones: {@link OffsetCommits}). */
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
        intake.applied(batch.next());
        commits.applied(c, batch.next());
        progress.applied(batch.next());
    }

    public LoopPhase phase() {
        return progress.phase();
    }

    public long totalLag() {
        return progress.totalLag();
    }

    public Map<TopicPartition, Long> lagByPartition() {
        return progress.lagByPartition();
    }

    /** Per partition, the offset of the first record not applied yet. */
    public Map<TopicPartition, Long> positions() {
        return progress.positions();
    }

    public String lastError() {
        return progress.lastError();
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
        return deadLettering.count();
    }

    public LoopSettings settings() {
        return settings;
    }

    /** Where this loop's time went so far (a rebuild logs it when it activates; the speed measurement prints it). */
    public String stageBreakdown() {
        return stages.toString();
    }
}
