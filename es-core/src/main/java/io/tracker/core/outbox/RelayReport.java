package io.tracker.core.outbox;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tracker.core.store.StoredEvent;
import io.tracker.core.tracing.LogContext;

/**
 * What the relay tells of its publishing: the metrics (events the broker acknowledged, failed rounds, the position
 * of the last event delivered), a DEBUG line per published event, and whether the broker is reachable (one WARN
 * when publishing starts failing, one INFO when it resumes, the last error for the readiness report).
 */
final class RelayReport {
    /** The relay's category: its lines are logged as before this class was split from it. */
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AtomicLong lastDeliveredPosition = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile String lastError;
    private volatile boolean brokerReachable = true;

    RelayReport(MeterRegistry registry) {
        this.published = Counter.builder("tracker.outbox.published")
                .description("events the broker acknowledged")
                .register(registry);
        this.failures = Counter.builder("tracker.outbox.failures")
                .description("publish rounds that failed")
                .register(registry);
        registry.gauge("tracker.outbox.last.delivered.position", lastDeliveredPosition);
    }

    /** The broker acknowledged the first {@code acknowledged} events of {@code batch}, up to {@code last}. */
    void delivered(List<PendingEntry> batch, int acknowledged, StoredEvent last, String topic) {
        published.increment(acknowledged);
        lastDeliveredPosition.set(last.position());
        logDelivered(batch.subList(0, acknowledged), topic);
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

    /** A round went out whole: the broker is reachable (said once, when it was not). */
    void succeeded() {
        if (!brokerReachable) {
            LOG.infof("outbox relay: broker reachable again, publishing resumed");
        }
        brokerReachable = true;
        lastError = null;
    }

    /** A round failed: counted and kept as the last error; said once while the broker stays unreachable. */
    void failed(Throwable error) {
        failures.increment();
        lastError = error.toString();
        if (brokerReachable) {
            LOG.warnf(
                    "outbox relay: publishing failed, events wait in the log and will go out in order (%s)", lastError);
        }
        brokerReachable = false;
    }

    /** Why the last round failed; null before any failure and once a round went out whole. */
    String lastError() {
        return lastError;
    }
}
