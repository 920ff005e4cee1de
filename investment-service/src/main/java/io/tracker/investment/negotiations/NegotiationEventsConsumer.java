package io.tracker.investment.negotiations;

import java.time.Duration;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.tracing.LogContext;
import io.tracker.core.tracing.Traceparents;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * Keeps the known-negotiations view from {@code tracker.negotiation.events}, as any subscriber of
 * negotiation-service's published contract would: one record at a time, in partition order, at least once.
 * <ul>
 * <li>{@code NegotiationOpened} and {@code NegotiationTerminated} are applied; a redelivery (stream version at
 * or below the one the view has) changes nothing.</li>
 * <li>Every other type is ignored: the view does not need it.</li>
 * <li>Every record is checked first, as the projection checks its records ({@link NegotiationRecords}: the
 * CloudEvents attributes, the producer, the data against negotiation-service's published schema). A record that
 * fails a check is sent to {@code tracker.investment.dlq} with the reason ({@link NegotiationDeadLetters}),
 * logged, counted ({@code tracker.known.negotiations.records{outcome=poison}}) and skipped: it changes nothing
 * and never blocks the records behind it. Its offset is committed once the dead letter is stored (a broker that
 * does not take it is retried, like the database).</li>
 * <li>While the database is unreachable the record is retried with backoff (the records behind it wait, in
 * order); nothing is skipped for a database failure. A record still not applied after
 * {@code throttled.unprocessed-record-max-age.ms} fails the channel: the service reports itself not live, and
 * after a restart it resumes from the last committed offset.</li>
 * </ul>
 */
@ApplicationScoped
@Startup // its counters are on /q/metrics from the start, at 0
public class NegotiationEventsConsumer {
    private static final Logger LOG = Logger.getLogger(NegotiationEventsConsumer.class);
    public static final String RECORDS_METRIC = "tracker.known.negotiations.records";
    /** SQLSTATE class 22: the values themselves are wrong (a retry cannot help). */
    private static final String DATA_EXCEPTION = "22";

    private final KnownNegotiationRepository repository;
    private final NegotiationDeadLetters deadLetters;
    private final NegotiationRecords records = new NegotiationRecords();
    private final Counter applied;
    private final Counter duplicates;
    private final Counter ignored;
    private final Counter poison;

    NegotiationEventsConsumer(
            KnownNegotiationRepository repository, NegotiationDeadLetters deadLetters, MeterRegistry registry) {
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.applied = counter(registry, "applied", "negotiation events applied to the view");
        this.duplicates = counter(registry, "duplicate", "redelivered negotiation events skipped");
        this.ignored = counter(registry, "ignored", "negotiation events of types the view does not need");
        this.poison = counter(
                registry, "poison", "records of the negotiation topic that fail a check, dead-lettered and skipped");
    }

    private static Counter counter(MeterRegistry registry, String outcome, String description) {
        return Counter.builder(RECORDS_METRIC)
                .tag("outcome", outcome)
                .description(description)
                .register(registry);
    }

    @Incoming("negotiation-events")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        logContext(record);
        NegotiationChange change;
        try {
            change = records.read(record);
        } catch (PoisonRecordException e) {
            return deadLetter(record, e);
        }
        if (change == null) {
            ignored.increment();
            return Uni.createFrom().voidItem();
        }
        return applyWithRetry(change)
                .onItem()
                .invoke(outcome -> {
                    if (outcome == KnownNegotiationRepository.Outcome.APPLIED) {
                        applied.increment();
                        LOG.debugf(
                                "negotiation %s: %s at version %d applied",
                                change.negotiationId(), change.kind(), change.streamVersion());
                    } else {
                        duplicates.increment();
                    }
                })
                .replaceWithVoid()
                .onFailure(PoisonRecordException.class)
                .recoverWithUni(failure -> deadLetter(record, (PoisonRecordException) failure));
    }

    /**
     * The change in one statement of its own. A data error of the database (e.g. a NUL character in a title) makes
     * the record poison; any other failure (connection lost, a deadlock) is retried with backoff, on this record's
     * Vert.x context.
     */
    private Uni<KnownNegotiationRepository.Outcome> applyWithRetry(NegotiationChange change) {
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return Uni.createFrom()
                .deferred(() -> repository.apply(change))
                .runSubscriptionOn(onContext)
                .onFailure()
                .transform(NegotiationEventsConsumer::poisonIfDataError)
                .onFailure(failure -> !(failure instanceof PoisonRecordException))
                .invoke(failure -> LOG.warnf(
                        "negotiation %s version %d not applied yet (%s); retrying",
                        change.negotiationId(), change.streamVersion(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonRecordException))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely();
    }

    private static Throwable poisonIfDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState() : null;
            if (state != null && state.startsWith(DATA_EXCEPTION)) {
                return new PoisonRecordException(
                        DeadLetterReason.INVALID_EVENT,
                        "the database refuses its values (SQLSTATE " + state + ")",
                        failure);
            }
        }
        return failure;
    }

    /**
     * The record's stream, event id, correlation id and trace in the MDC of its log lines (the message's own Vert.x
     * context holds it). The span is the one the messaging extension started for the record, a child of the
     * {@code traceparent} the outbox relay sent; without tracing here, the trace is the header's.
     */
    private static void logContext(ConsumerRecord<String, byte[]> record) {
        LogContext.put(LogContext.STREAM_ID, CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT));
        LogContext.put(LogContext.EVENT_ID, CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID));
        LogContext.put(
                LogContext.CORRELATION_ID, CloudEventHeaders.get(record.headers(), CloudEventHeaders.CORRELATION_ID));
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            LogContext.put(LogContext.TRACE_ID, span.getTraceId());
            LogContext.put(LogContext.SPAN_ID, span.getSpanId());
        } else {
            LogContext.putTraceparent(CloudEventHeaders.get(record.headers(), Traceparents.HEADER));
        }
    }

    /**
     * The record to the dead-letter topic, then skipped. A broker that does not take the letter is retried with
     * backoff on this record's context (the records behind it wait): no record is skipped without its letter.
     */
    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, PoisonRecordException poisoned) {
        Context context = Vertx.currentContext();
        Executor onContext = context == null ? Runnable::run : task -> context.runOnContext(v -> task.run());
        return Uni.createFrom()
                .deferred(() -> deadLetters.send(record, poisoned.reason(), poisoned.getMessage()))
                .emitOn(onContext)
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "record %s-%d@%d not dead-lettered yet (%s); retrying",
                        record.topic(), record.partition(), record.offset(), failure.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .indefinitely()
                .invoke(() -> {
                    poison.increment();
                    LOG.warnf(
                            "dead-lettered record %s-%d@%d (key %s) to %s: %s %s",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.key(),
                            deadLetters.topic(),
                            poisoned.reason(),
                            poisoned.getMessage());
                });
    }
}
