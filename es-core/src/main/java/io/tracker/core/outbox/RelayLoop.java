package io.tracker.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Tracer;
import io.tracker.core.store.Checkpoint;
import io.tracker.core.store.StoredEvent;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * What the relay's one thread does until the relay stops it: take the lock, read the log after the checkpoint, send,
 * move the checkpoint to the last event the broker acknowledged (saved in the database at most once per
 * {@code checkpoint-interval}: {@link RelayCheckpoint}), and back off while publishing fails.
 */
final class RelayLoop {
    /** How soon to look again when committed events wait behind a transaction still running. */
    private static final Duration HELD_BACK_POLL = Duration.ofMillis(50);

    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final PublicationLog log;
    private final RelayLeadership leadership;
    private final Map<String, Object> kafkaConfig;
    private final Tracer tracer;
    private final PublicationBacklog backlog;
    private final RelayReport report;
    private final Semaphore wakeUp;

    RelayLoop(
            OutboxRelay relay,
            OutboxConfig config,
            PublicationLog log,
            RelayLeadership leadership,
            Map<String, Object> kafkaConfig,
            Tracer tracer,
            PublicationBacklog backlog,
            RelayReport report,
            Semaphore wakeUp) {
        this.relay = relay;
        this.config = config;
        this.log = log;
        this.leadership = leadership;
        this.kafkaConfig = kafkaConfig;
        this.tracer = tracer;
        this.backlog = backlog;
        this.report = report;
        this.wakeUp = wakeUp;
    }

    void run() {
        Duration backoff = Duration.ofMillis(100);
        long term = -1;
        RelayCheckpoint checkpoint = new RelayCheckpoint(config.checkpointInterval());
        boolean probing = false;
        try (OutboxPublisher publisher = new OutboxPublisher(kafkaConfig, config.source(), tracer)) {
            TopicCreator.ensure(kafkaConfig, config);
            Thread me = Thread.currentThread();
            while (relay.publishes(me)) {
                try {
                    if (!leadership.tryAcquire()) {
                        relay.sleep(Duration.ofSeconds(2));
                        continue;
                    }
                    if (term != leadership.term() || checkpoint.unknown()) {
                        // (again) the publishing replica: continue where the last publisher's checkpoint says
                        checkpoint.read(await(log.checkpoint()), System.nanoTime());
                        term = leadership.term();
                    }
                    if (checkpoint.due(System.nanoTime())) {
                        save(checkpoint);
                    }
                    wakeUp.drainPermits();
                    if (!relay.publishes(me)) {
                        continue; // a stop's wake-up was just drained: do not sleep a whole poll holding the lock
                    }
                    int limit = probing ? 1 : config.batchSize();
                    PublicationLog.Page page = await(log.next(checkpoint.published(), limit));
                    List<PendingEntry> batch = page.events();
                    // while events wait behind a running transaction, look again every HELD_BACK_POLL with a read of
                    // one row (not a whole batch each time), until that row is final
                    probing = page.heldBack();
                    if (batch.isEmpty()) {
                        if (!page.heldBack()) {
                            caughtUp(checkpoint);
                        }
                        waitForWork(checkpoint, page.heldBack() ? HELD_BACK_POLL : config.fallbackPoll());
                        continue;
                    }
                    OutboxPublisher.Outcome outcome = publisher.send(batch, config.topic());
                    if (relay.halted()) {
                        return;
                    }
                    if (outcome.acknowledged() > 0) {
                        StoredEvent last = batch.get(outcome.acknowledged() - 1).event();
                        checkpoint.acknowledged(
                                new Checkpoint(Long.parseLong(last.transactionId()), last.position()),
                                outcome.acknowledged());
                        if (checkpoint.due(System.nanoTime())) {
                            save(checkpoint);
                        }
                        report.delivered(batch, outcome.acknowledged(), last, config.topic());
                    }
                    if (outcome.error() == null) {
                        report.succeeded();
                        backoff = Duration.ofMillis(100);
                        if (page.heldBack() || page.rows() < limit) {
                            // all that is final went out: no read again before there is something to read (every
                            // append that committed after this read's start wakes the relay: its wake-up came after
                            // the drain above), or before the checkpoint is due to be saved
                            if (!page.heldBack()) {
                                caughtUp(checkpoint);
                            }
                            waitForWork(checkpoint, page.heldBack() ? HELD_BACK_POLL : config.fallbackPoll());
                        }
                    } else {
                        backoff = failed(outcome.error(), backoff);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    term = -1; // read the checkpoint again: another replica may have published meanwhile
                    checkpoint.forget();
                    backoff = failed(e, backoff);
                }
            }
            saveOnStop(checkpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leadership.release();
        }
    }

    /**
     * Moves the checkpoint in the database to what the broker acknowledged, on the connection that holds the lock.
     * The gauges are read again only once the relay has caught up ({@link #caughtUp}), not at every save: during a
     * catch-up a save comes every 100 events, and the backlog's count reads all that is left.
     */
    private void save(RelayCheckpoint checkpoint) {
        PgConnection lock = leadership.lockConnection();
        if (lock == null) {
            throw new IllegalStateException("the relay lock was lost before the checkpoint was saved");
        }
        Checkpoint published = checkpoint.published();
        await(log.save(lock, published));
        checkpoint.saved(published, System.nanoTime());
    }

    /** A stop (not a halt) saves what is unsaved, so that the next publisher sends nothing twice. */
    private void saveOnStop(RelayCheckpoint checkpoint) {
        if (relay.halted() || !checkpoint.unsaved() || leadership.lockConnection() == null) {
            return;
        }
        try {
            save(checkpoint);
        } catch (RuntimeException e) {
            report.failed(e); // the next publisher sends again what was published after the saved checkpoint
        }
    }

    /**
     * Nothing waits: the gauges do not keep showing a backlog that is gone (read again only if they show one; with
     * a checkpoint not saved yet, after its save).
     */
    private void caughtUp(RelayCheckpoint checkpoint) {
        if (!checkpoint.unsaved() && backlog.events() != 0) {
            backlog.refresh();
        }
    }

    /** Until an append wakes the relay (or a stop), at most {@code poll}, or until the checkpoint is due. */
    private void waitForWork(RelayCheckpoint checkpoint, Duration poll) throws InterruptedException {
        wakeUp.tryAcquire(checkpoint.waitAtMost(poll, System.nanoTime()).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    private Duration failed(Throwable error, Duration backoff) throws InterruptedException {
        report.failed(error);
        relay.sleep(backoff);
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }
}
