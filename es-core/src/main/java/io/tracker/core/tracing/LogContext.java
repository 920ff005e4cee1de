package io.tracker.core.tracing;

import org.jboss.logging.MDC;

/**
 * The MDC keys of the log lines of command handling, publication and consumption (fields of the JSON log lines
 * in the prod profile). {@code traceId} and {@code spanId} are the keys Quarkus' OpenTelemetry extension fills
 * on a traced request; the relay's thread fills them itself from an event's stored traceparent.
 */
public final class LogContext {
    public static final String STREAM_ID = "streamId";
    public static final String EVENT_ID = "eventId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private LogContext() {}

    /** Puts a value, or removes the key when the value is null (so nothing of an earlier event stays). */
    public static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    /** Trace id and span id of a traceparent ({@code 00-<trace id>-<span id>-<flags>}); removed when it is null. */
    public static void putTraceparent(String traceparent) {
        boolean valid = traceparent != null && traceparent.length() == 55;
        put(TRACE_ID, valid ? traceparent.substring(3, 35) : null);
        put(SPAN_ID, valid ? traceparent.substring(36, 52) : null);
    }

    public static void clear(String... keys) {
        for (String k : keys) {
            MDC.remove(k);
        }
    }
}
