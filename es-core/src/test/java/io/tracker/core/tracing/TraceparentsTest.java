package io.tracker.core.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

class TraceparentsTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theCurrentSpansTraceparentInW3cForm() {
        assertNull(Traceparents.current(), "no span: nothing to store");
        SpanContext c = SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault());
        try (Scope s = Span.wrap(c).makeCurrent()) {
            assertEquals(TRACEPARENT, Traceparents.current());
        }
        assertNull(Traceparents.of(SpanContext.getInvalid()));
    }

    @Test
    void aStoredTraceparentIsTheRemoteParentOfTheNextSpan() {
        SpanContext parent =
                Span.fromContext(Traceparents.parentContext(TRACEPARENT)).getSpanContext();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parent.getTraceId());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
        assertEquals(TRACEPARENT, Traceparents.of(parent));
        for (String bad :
                new String[] {null, "", "not-a-traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"
                }) {
            assertFalse(
                    Span.fromContext(Traceparents.parentContext(bad))
                            .getSpanContext()
                            .isValid(),
                    String.valueOf(bad));
            assertEquals(Context.root(), Traceparents.parentContext(bad), "a new trace for " + bad);
        }
    }
}
