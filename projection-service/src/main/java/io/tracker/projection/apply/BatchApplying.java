package io.tracker.projection.apply;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.tracker.projection.persistence.ApplyResult;
import io.tracker.projection.persistence.PartitionPosition;
import io.tracker.projection.persistence.PositionsBehindException;

/**
 * What a {@link ConsumerLoop} does with a poll's records, on its thread: read them, dead-letter the poison ones, apply
 * the batch (a live loop at once, retrying; a replay through its {@link ReplayPipeline}), and once the database
 * committed it, count it and commit its offsets. Stops the loop when its generation is gone or its thread interrupted.
 */
final class BatchApplying {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(2);

    private final LoopSettings settings;
    private final Intake intake;
    private final Applier writer;
    private final ProjectionMetrics metrics;
    private final ApplyTracing tracing;
    private final BatchReader reader;
    private final DeadLettering deadLettering;
    private final Progress progress;
    private final Retrying retrying;
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final Stages stages;
    private final OffsetCommits commits;
    /** Set when a batch's transaction found the database behind what this loop applied (commits lost). */
    private boolean databaseBehind;

    /** Whether the loop runs. */
    private final BooleanSupplier running;
    /** Ends the loop after the batch in hand (its flag only: the consumer is not woken up). */
    private final Runnable stop;
    /** A rebuild's batch being applied while the next one is polled and read. */
    private final ReplayPipeline pipeline;

    /** {@code deadLetters} null: poison records are counted and skipped (a rebuild: they were dead-lettered live). */
    BatchApplying(
            LoopSettings settings,
            Intake intake,
            Applier writer,
            DeadLetterPublisher deadLetters,
            ProjectionMetrics metrics,
            ApplyTracing tracing,
            Progress progress,
            Stages stages,
            OffsetCommits commits,
            BooleanSupplier running,
            Runnable stop) {
        this.settings = settings;
        this.intake = intake;
        this.writer = writer;
        this.metrics = metrics;
        this.tracing = tracing;
        this.progress = progress;
        this.stages = stages;
        this.commits = commits;
        this.running = running;
        this.stop = stop;
        this.reader = new BatchReader(settings.topics(), tracing);
        this.deadLettering = new DeadLettering(deadLetters, metrics);
        this.pipeline = new ReplayPipeline(writer, settings, stages, APPLY_TIMEOUT);
        this.retrying = new Retrying(settings.clientId(), settings.maxBackoff(), progress, running, stop);
    }

    void handle(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
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
        if (!running.getAsBoolean()) {
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

    /** Whether no rebuild batch is being applied. */
    boolean idle() {
        return pipeline.idle();
    }

    /** Waits for the rebuild batch being applied (applying it again, retrying, if that failed), then commits it. */
    void completeInFlight(KafkaConsumer<String, byte[]> c) {
        ReplayPipeline.Outcome outcome;
        try {
            outcome = pipeline.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
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
            stop.run();
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

    long eventsApplied() {
        return eventsApplied.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long transactions() {
        return transactions.get();
    }

    long poison() {
        return deadLettering.count();
    }
}
