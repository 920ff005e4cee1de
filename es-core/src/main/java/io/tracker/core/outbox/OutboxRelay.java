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
import io.tracker.core.tracing.LogContext;

/**
 * Publishes the outbox to Kafka in order, from one replica at a time. It wakes on the commit of an append
 * (PostgreSQL NOTIFY), sends a batch, and marks entries delivered only once the broker acknowledged them.
 * While the broker is unreachable entries wait and the relay retries with backoff; they go out in order once
 * it is back. Delivery is at least once: consumers skip event ids they have already applied.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxConfig config;
    private final OutboxRepository repository;
    private final RelayLeadership leadership;
    private final Map<String, Object> kafkaConfig;
    private final Semaphore wakeUp = new Semaphore(0);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong lastDeliveredPosition = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final Tracer tracer;
    private volatile boolean running;
    private volatile String lastError;
    private volatile boolean brokerReachable = true;
    private Thread thread;

    OutboxRelay(OutboxConfig config, OutboxRepository repository, RelayLeadership leadership,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
            OpenTelemetry openTelemetry) {
        this.config = config;
        this.tracer = openTelemetry.getTracer("io.tracker.outbox");
        this.repository = repository;
        this.leadership = leadership;
        this.kafkaConfig = kafkaConfig;
        this.published = Counter.builder("tracker.outbox.published").description("events the broker acknowledged")
                .register(registry);
        this.failures = Counter.builder("tracker.outbox.failures").description("publish rounds that failed")
                .register(registry);
        registry.gauge("tracker.outbox.last.delivered.position", lastDeliveredPosition);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        leadership.onNotification(wakeUp::release);
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
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

    /** Wakes the relay now (also done by every committed append). */
    public void wakeUp() {
        wakeUp.release();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    public String lastError() {
        return lastError;
    }

    public long pendingCount() {
        return repository.countPending().await().atMost(Duration.ofSeconds(5));
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        try (OutboxPublisher publisher = new OutboxPublisher(kafkaConfig, config.source(), tracer)) {
            TopicCreator.ensure(kafkaConfig, config);
            while (running) {
                try {
                    if (!leadership.tryAcquire()) {
                        sleep(Duration.ofSeconds(2));
                        continue;
                    }
                    wakeUp.drainPermits();
                    List<PendingEntry> batch = repository.pending(config.batchSize()).await().atMost(Duration.ofSeconds(30));
                    if (batch.isEmpty()) {
                        wakeUp.tryAcquire(config.fallbackPoll().toMillis(), TimeUnit.MILLISECONDS);
                        continue;
                    }
                    OutboxPublisher.Outcome outcome = publisher.send(batch);
                    if (outcome.acknowledged() > 0) {
                        List<PendingEntry> delivered = batch.subList(0, outcome.acknowledged());
                        repository.markDelivered(delivered).await().atMost(Duration.ofSeconds(30));
                        published.increment(delivered.size());
                        lastDeliveredPosition.set(delivered.get(delivered.size() - 1).event().position());
                        logDelivered(delivered);
                    }
                    if (outcome.error() == null) {
                        if (!brokerReachable) {
                            LOG.infof("outbox relay: broker reachable again, publishing resumed");
                        }
                        brokerReachable = true;
                        lastError = null;
                        backoff = Duration.ofMillis(100);
                    } else {
                        backoff = failed(outcome.error(), backoff);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    backoff = failed(e, backoff);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leadership.release();
        }
    }

    /** One DEBUG line per published event, with its stream, id, correlation id and trace in the MDC. */
    private static void logDelivered(List<PendingEntry> delivered) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (PendingEntry e : delivered) {
            LogContext.put(LogContext.STREAM_ID, e.event().streamId());
            LogContext.put(LogContext.EVENT_ID, e.event().eventId());
            LogContext.put(LogContext.CORRELATION_ID, e.event().correlationId());
            LogContext.putTraceparent(e.traceparent());
            LOG.debugf("%s of %s version %d published to %s", e.event().type(), e.event().streamId(),
                    e.event().version(), e.topic());
        }
        LogContext.clear(LogContext.STREAM_ID, LogContext.EVENT_ID, LogContext.CORRELATION_ID, LogContext.TRACE_ID,
                LogContext.SPAN_ID);
    }

    private Duration failed(Throwable error, Duration backoff) throws InterruptedException {
        failures.increment();
        lastError = error.toString();
        if (brokerReachable) {
            LOG.warnf("outbox relay: publishing failed, entries wait and will go out in order (%s)", lastError);
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
