package io.tracker.http;

/**
 * What a service says in the shared refusals of {@link ProblemMappers} and {@link HttpLimits}: each service
 * provides one bean. A service that records things says that nothing was recorded; a service that answers
 * queries says what failed.
 */
public interface ServiceProblems {

    /** The detail of a 500: e.g. "the request failed; nothing was recorded". */
    String failed();

    /** The detail of a 503 when the database cannot be reached (the client may retry). */
    String unavailable();

    /** Appended to the detail of the HTTP layer's refusals (414, 431, 411, 415), e.g. "; nothing was recorded", or "". */
    String refusalNote();

    /**
     * The problem for the cause of a request the REST layer refused, where the service knows better than the
     * generic {@code http-<status>} answer (the command services: their strict JSON reader's error); null if not.
     */
    default Problem ofCause(Throwable cause) {
        return null;
    }
}
