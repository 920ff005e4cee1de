package io.tracker.core.api;

import jakarta.ws.rs.HeaderParam;

/**
 * The headers every command endpoint reads, as one parameter ({@code @BeanParam CommandHeaders headers}):
 * If-Match (the version the client read, optional), Idempotency-Key (a retry of the same request is answered
 * as the first), X-Correlation-Id (carried into the events' metadata). A command that creates its stream reads no
 * If-Match: it builds its headers with {@link #forCreation}.
 */
public record CommandHeaders(
        @HeaderParam(IF_MATCH) String ifMatch,
        @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
        @HeaderParam(CORRELATION_ID) String correlationId) {
    public static final String IF_MATCH = "If-Match";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    /** The headers of a command that creates its stream (no expected version). */
    public static CommandHeaders forCreation(String idempotencyKey, String correlationId) {
        return new CommandHeaders(null, idempotencyKey, correlationId);
    }
}
