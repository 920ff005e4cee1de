package io.tracker.core.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.tracker.core.store.Checkpoint;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.StoredEvent;
import io.tracker.core.tracing.LogContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;

/**
 * Publishes the event log to Kafka in commit order, from one replica at a time (the one holding the
 * {@link RelayLeadership} lock). It wakes on the commit of an append, reads the events after
 * its checkpoint ({@link PublicationLog}), sends them, and moves the checkpoint (one row update per batch) only
 * to the last event the broker acknowledged. While the broker is unreachable events wait in the log and the
 * relay retries with backoff; they go out in order once it is back. An append of the replica that publishes wakes
 * it in the JVM; one of another replica by NOTIFY. Delivery is at least once (a replica that
 * took over republishes what its predecessor sent after its last checkpoint): consumers skip event ids they
 * have already applied.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** How soon to look again when committed events wait behind a transaction still running. */
    private static final Duration HELD_BACK_POLL = Duration.ofMillis(50);

    private final OutboxConfig config;
    private final PublicationLog log;
    private final RelayLeadership leadership;
    private final Map<String, Object> kafkaConfig;
    private final Vertx vertx;
    private final PublicationBacklog backlog;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong lastDeliveredPosition = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Tracer tracer;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean halted;
    private volatile String lastError;
    private volatile boolean brokerReachable = true;
    /** The one thread that publishes; a thread that is no longer this one stops at its next step. */
    private volatile Thread thread;

    OutboxRelay(
            OutboxConfig config,
            PublicationLog log,
            RelayLeadership leadership,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry,
            Vertx vertx,
            OpenTelemetry openTelemetry) {
        this.config = config;
        this.log = log;
        this.tracer = openTelemetry.getTracer("io.tracker.outbox");
        this.leadership = leadership;
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
        this.backlog = new PublicationBacklog(log, registry);
        this.published = Counter.builder("tracker.outbox.published")
                .description("events the broker acknowledged")
                .register(registry);
        this.failures = Counter.builder("tracker.outbox.failures")
                .description("publish rounds that failed")
                .register(registry);
        registry.gauge("tracker.outbox.last.delivered.position", lastDeliveredPosition);
    }

    /** Started with the application; its appends then wake it in this JVM while it publishes ({@link #wakeUpHere}). */
    void start(@Observes StartupEvent event, EventStore store) {
        store.wakeUpLocally(this::wakeUpHere);
        start();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        // a thread of an earlier start that has not ended yet (stop() waits 10 s; a send can take longer) must
        // not go on beside the new one: two publishers with their own positions would put a stream's later
        // events on the topic before earlier ones (seen in OutboxRelayTest after RelayTakeoverTest restarted it)
        Thread old = thread;
        if (old != null && old.isAlive()) {
            running = false;
            stopping.countDown();
            wakeUp.release();
            awaitEnd(old);
        }
        running = true;
        halted = false;
        stopping = new CountDownLatch(1);
        backlog.start(vertx, config.backlogRefresh());
        leadership.onNotification(wakeUp::release);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        running = false;
        backlog.stop(vertx);
        stopping.countDown();
        wakeUp.release();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until {@code old} has ended, interrupting what it waits for (a send, a read) after 10 s. */
    private static void awaitEnd(Thread old) {
        if (old == null || !old.isAlive()) {
            return;
        }
        try {
            old.join(10_000);
            while (old.isAlive()) {
                old.interrupt();
                old.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops as a killed process would (for tests): wherever the relay is, it writes nothing more, not even the
     * checkpoint of a batch it has just sent; its database sessions close, which releases the lock.
     */
    synchronized void halt() {
        halted = true;
        running = false;
        stopping.countDown();
        backlog.stop(vertx);
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes the relay now (also done by every committed append). */
    public void wakeUp() {
        wakeUp.release();
    }

    /**
     * Wakes this relay if it runs and holds the lock, i.e. publishes for all replicas: an append of this replica
     * then needs no NOTIFY. False otherwise (the append notifies whichever replica publishes). Should the lock be
     * lost at this very moment without this replica having seen it yet, the replica that takes it over reads the
     * log from the checkpoint as it starts, and an event it did not see then waits at most its fallback poll.
     */
    boolean wakeUpHere() {
        if (running && leadership.isLeader()) {
            wakeUp.release();
            return true;
        }
        return false;
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    public String lastError() {
        return lastError;
    }

    /** Events not yet published, as last read ({@code tracker.outbox.backlog-refresh}); -1 before the first read. */
    public long backlogEvents() {
        return backlog.events();
    }

    public double oldestUnpublishedAgeSeconds() {
        return backlog.oldestAgeSeconds();
    }

    /** Why the backlog could not be read, or null. */
    public String backlogError() {
        return backlog.error();
    }

    /** Reads the backlog now (the gauges otherwise follow every {@code tracker.outbox.backlog-refresh}). */
    public void refreshBacklog() {
        backlog.refresh();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        long term = -1;
        Checkpoint checkpoint = null;
        boolean probing = false;
        try (OutboxPublisher publisher = new OutboxPublisher(kafkaConfig, config.source(), tracer)) {
            TopicCreator.ensure(kafkaConfig, config);
            Thread me = Thread.currentThread();
            while (running && thread == me) {
                try {
                    if (!leadership.tryAcquire()) {
                        sleep(Duration.ofSeconds(2));
                        continue;
                    }
                    if (term != leadership.term() || checkpoint == null) {
                        // (again) the publishing replica: continue where the last publisher's checkpoint says
                        checkpoint = await(log.checkpoint());
                        term = leadership.term();
                    }
                    wakeUp.drainPermits();
                    if (!running || thread != me) {
                        continue; // a stop's wake-up was just drained: do not sleep a whole poll holding the lock
                    }
                    int limit = probing ? 1 : config.batchSize();
                    PublicationLog.Page page = await(log.next(checkpoint, limit));
                    List<PendingEntry> batch = page.events();
                    // while events wait behind a running transaction, look again every HELD_BACK_POLL with a read of
                    // one row (not a whole batch each time), until that row is final
                    probing = page.heldBack();
                    if (batch.isEmpty()) {
                        if (!page.heldBack()) {
                            caughtUp();
                        }
                        waitForWork(page.heldBack() ? HELD_BACK_POLL : config.fallbackPoll());
                        continue;
                    }
                    OutboxPublisher.Outcome outcome = publisher.send(batch, config.topic());
                    if (halted) {
                        return;
                    }
                    if (outcome.acknowledged() > 0) {
                        StoredEvent last = batch.get(outcome.acknowledged() - 1).event();
                        Checkpoint next = new Checkpoint(Long.parseLong(last.transactionId()), last.position());
                        PgConnection lock = leadership.lockConnection();
                        if (lock == null) {
                            throw new IllegalStateException("the relay lock was lost before the checkpoint was saved");
                        }
                        await(log.save(lock, next));
                        checkpoint = next;
                        published.increment(outcome.acknowledged());
                        lastDeliveredPosition.set(last.position());
                        logDelivered(batch.subList(0, outcome.acknowledged()), config.topic());
                    }
                    if (outcome.error() == null) {
                        if (!brokerReachable) {
                            LOG.infof("outbox relay: broker reachable again, publishing resumed");
                        }
                        brokerReachable = true;
                        lastError = null;
                        backoff = Duration.ofMillis(100);
                        if (page.heldBack() || page.rows() < limit) {
                            // all that is final went out: no read again before there is something to read (every
                            // append that committed after this read's start wakes the relay: its wake-up came after
                            // the drain above)
                            if (!page.heldBack()) {
                                caughtUp();
                            }
                            waitForWork(page.heldBack() ? HELD_BACK_POLL : config.fallbackPoll());
                        }
                    } else {
                        backoff = failed(outcome.error(), backoff);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    term = -1; // read the checkpoint again: another replica may have published meanwhile
                    backoff = failed(e, backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leadership.release();
        }
    }

    /** Nothing waits: the gauges do not keep showing a backlog that is gone (read again only if they show one). */
    private void caughtUp() {
        if (backlog.events() != 0) {
            backlog.refresh();
        }
    }

    /** Until an append wakes the relay (or a stop), at most {@code poll}. */
    private void waitForWork(Duration poll) throws InterruptedException {
        wakeUp.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(30));
    }

    /** One DEBUG line per published event, with its stream, id, correlation id and trace in the MDC. */
    private static void logDelivered(List<PendingEntry> delivered, String topic) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (PendingEntry e : delivered) {
            LogContext.put(LogContext.STREAM_ID, e.event().streamId());
            LogContext.put(LogContext.EVENT_ID, e.event().eventId());
            LogContext.put(LogContext.CORRELATION_ID, e.event().correlationId());
            LogContext.putTraceparent(e.traceparent());
            LOG.debugf(
                    "%s of %s version %d published to %s",
                    e.event().type(), e.event().streamId(), e.event().version(), topic);
        }
        LogContext.clear(
                LogContext.STREAM_ID,
                LogContext.EVENT_ID,
                LogContext.CORRELATION_ID,
                LogContext.TRACE_ID,
                LogContext.SPAN_ID);
    }

    private Duration failed(Throwable error, Duration backoff) throws InterruptedException {
        failures.increment();
        lastError = error.toString();
        if (brokerReachable) {
            LOG.warnf(
                    "outbox relay: publishing failed, events wait in the log and will go out in order (%s)", lastError);
        }
        brokerReachable = false;
        sleep(backoff);
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private void sleep(Duration d) throws InterruptedException {
        stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
