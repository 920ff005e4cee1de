package io.tracker.projection.apply;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.tracker.projection.persistence.ProjectionWriter;

/**
 * One Kafka consumer on its own thread: poll, read the records ({@link BatchReader}), dead-letter the poison ones
 * ({@link DeadLettering}), apply the rest in ONE database transaction, and only then commit the offsets (each poll's
 * records from reading to committed offsets: {@link BatchApplying}; this class runs the thread and the poll). Delivery
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

    private final LoopSettings settings;
    private final Intake intake;
    private final Map<String, Object> kafkaConfig;
    private final Runnable onCaughtUp;
    private final Progress progress;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Stages stages = new Stages();
    private final OffsetCommits commits;

    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** Each poll's records: read, dead-lettered, applied, counted, their offsets committed. */
    private final BatchApplying batches;

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
        this.onCaughtUp = onCaughtUp;
        this.progress = new Progress(settings, metrics);
        this.commits = new OffsetCommits(settings.clientId(), intake.commitEvery(), stages);
        this.batches = new BatchApplying(
                settings,
                intake,
                writer,
                deadLetters,
                metrics,
                tracing,
                progress,
                stages,
                commits,
                () -> running,
                () -> running = false);
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
                    batches.handle(c, records);
                } else {
                    batches.completeInFlight(c); // nothing to read meanwhile
                    commits.due(c);
                }
                progress.observe(c, !records.isEmpty());
                if (running && intake.reachedEnd(c)) {
                    batches.completeInFlight(c); // the last batch applied before catching up
                }
                if (running && batches.idle() && intake.reachedEnd(c)) {
                    progress.phase(LoopPhase.LIVE);
                    onCaughtUp.run();
                    running = false;
                }
            }
        } catch (WakeupException e) {
            // stopped: the offsets applied so far are still committed
        }
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
        return batches.eventsApplied();
    }

    public long duplicates() {
        return batches.duplicates();
    }

    public long transactions() {
        return batches.transactions();
    }

    public long poison() {
        return batches.poison();
    }

    public LoopSettings settings() {
        return settings;
    }

    /** Where this loop's time went so far (a rebuild logs it when it activates; the speed measurement prints it). */
    public String stageBreakdown() {
        return stages.toString();
    }
}
