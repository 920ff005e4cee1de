package io.tracker.core.tracing;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context in its text form ({@code traceparent}: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex
 * flags>}), as stored with an event ({@code es_events.traceparent}) and sent as the Kafka record header
 * {@link #HEADER}.
 */
public final class Traceparents {
    /** The Kafka record header (and HTTP header) of the W3C trace context. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private Traceparents() {}

    /**
     * The traceparent of the current span, or null when there is none (tracing off: the no-op span is not valid,
     * so this costs a context lookup and nothing else).
     */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /** The traceparent of a span context, or null when it is not valid. */
    public static String of(SpanContext c) {
        if (!c.isValid()) {
            return null;
        }
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-"
                + c.getTraceFlags().asHex();
    }

    /**
     * The context whose parent is the remote span a traceparent names; the root context when the text is null or
     * malformed (a span started in it begins a trace of its own).
     */
    public static Context parentContext(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, SINGLE);
    }
}
