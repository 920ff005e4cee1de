package io.tracker.core.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.tracker.core.store.EventStore;
import io.vertx.mutiny.core.Vertx;

/**
 * Publishes the event log to Kafka in commit order, from one replica at a time (the one holding the
 * {@link RelayLeadership} lock). It wakes on the commit of an append, reads the events after
 * its checkpoint ({@link PublicationLog}), sends them, and moves the checkpoint only to the last event the broker
 * acknowledged (one row, updated at most once per {@code checkpoint-interval} and when the relay stops). While the
 * broker is unreachable events wait in the log and the relay retries with backoff; they go out in order once it is
 * back. An append of the replica that publishes wakes it in the JVM; one of another replica by NOTIFY. Delivery is
 * at least once (a replica that took over republishes what its predecessor sent after its last saved checkpoint):
 * consumers skip event ids they have already applied.
 * <p>
 * This class starts, stops and wakes the relay's one thread and answers for it; the thread runs {@link RelayLoop},
 * and {@link RelayReport} keeps what it reports (metrics, log lines, the last error).
 */
@ApplicationScoped
public class OutboxRelay {
    private final OutboxConfig config;
    private final RelayLeadership leadership;
    private final Vertx vertx;
    private final PublicationBacklog backlog;
    private final Semaphore wakeUp = new Semaphore(0);
    private final RelayReport report;
    private final RelayLoop loop;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean halted;
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
        Tracer tracer = openTelemetry.getTracer("io.tracker.outbox");
        this.leadership = leadership;
        this.vertx = vertx;
        this.backlog = new PublicationBacklog(log, registry);
        this.report = new RelayReport(registry);
        this.loop = new RelayLoop(this, config, log, leadership, kafkaConfig, tracer, backlog, report, wakeUp);
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
        thread = new Thread(loop::run, "outbox-relay");
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
        return report.lastError();
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

    /** Whether {@code me} still publishes: the relay runs and {@code me} is its thread, not one of an earlier start. */
    boolean publishes(Thread me) {
        return running && thread == me;
    }

    /** Whether the relay was halted: its thread writes nothing more. */
    boolean halted() {
        return halted;
    }

    /** Until the relay stops, at most {@code d}. */
    void sleep(Duration d) throws InterruptedException {
        stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
