package io.tracker.projection.apply;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.tracker.projection.messaging.Incoming;

/**
 * The live apply in the producers' traces: a record that carries a W3C {@code traceparent} header (its command
 * was traced) is applied in a CONSUMER span, child of that context, which ends when its batch's transaction
 * committed; so one trace shows a command until it is visible here. Records without the header get no span. One
 * DEBUG line per applied event carries the stream, event id, correlation id and trace in the MDC (the fields of
 * the JSON log lines).
 */
public final class ApplyTracing {
    /** Nothing traced (rebuilds: a replay is not part of the commands' traces). */
    public static final ApplyTracing OFF = new ApplyTracing(null);

    private static final Logger LOG = Logger.getLogger(ApplyTracing.class);
    private static final String TRACEPARENT = "traceparent";
    private static final String CORRELATION_ID = "ce_correlationid";
    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            List<String> keys = new ArrayList<>();
            record.headers().forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            return header(record, key);
        }
    };

    /** What a record says of its trace and correlation, kept with its event until the batch is applied. */
    record Trace(String traceparent, String correlationId, Context parent) {}

    private final Tracer tracer;

    ApplyTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The record's trace context, or null when it carries none (or nothing is traced here). */
    Trace of(ConsumerRecord<?, ?> record) {
        if (tracer == null && !LOG.isDebugEnabled()) {
            return null;
        }
        String traceparent = header(record, TRACEPARENT);
        String correlationId = header(record, CORRELATION_ID);
        Context parent = traceparent == null
                ? null
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), record, HEADERS);
        return new Trace(traceparent, correlationId, parent);
    }

    /** Starts a span per event of the batch whose record carried a traceparent (null elsewhere). */
    List<Span> start(List<Incoming.Event> events, List<Trace> traces) {
        List<Span> spans = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Trace t = traces.get(i);
            if (tracer == null || t == null || t.parent() == null) {
                spans.add(null);
                continue;
            }
            Incoming.Event e = events.get(i);
            spans.add(tracer.spanBuilder(e.position().topic() + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(t.parent())
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", e.position().topic())
                    .setAttribute("messaging.message.id", e.event().eventId().toString())
                    .setAttribute("tracker.stream.id", e.event().streamId())
                    .startSpan());
        }
        return spans;
    }

    /** Ends the batch's spans (as failed when it was not applied) and logs each applied event at DEBUG. */
    void end(List<Incoming.Event> events, List<Trace> traces, List<Span> spans, boolean applied) {
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (span != null) {
                if (!applied) {
                    span.setStatus(StatusCode.ERROR, "not applied (stopped)");
                }
                span.end();
            }
        }
        if (applied && LOG.isDebugEnabled()) {
            for (int i = 0; i < events.size(); i++) {
                logApplied(events.get(i), traces.get(i), spans.get(i));
            }
            for (String key : List.of("streamId", "eventId", "correlationId", "traceId", "spanId")) {
                MDC.remove(key);
            }
        }
    }

    private static void logApplied(Incoming.Event e, Trace t, Span span) {
        put("streamId", e.event().streamId());
        put("eventId", e.event().eventId().toString());
        put("correlationId", t == null ? null : t.correlationId());
        SpanContext c = span != null ? span.getSpanContext() : SpanContext.getInvalid();
        if (!c.isValid() && t != null && t.parent() != null) {
            c = Span.fromContext(t.parent()).getSpanContext();
        }
        put("traceId", c.isValid() ? c.getTraceId() : null);
        put("spanId", c.isValid() ? c.getSpanId() : null);
        LOG.debugf(
                "%s of %s version %d applied",
                e.event().type(), e.event().streamId(), e.event().version());
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
