package io.tracker.core.domain;

import java.util.Objects;

/**
 * A command the domain refuses. {@code code} is a stable kebab-case name clients can switch on,
 * {@code field} the request field at fault when there is one.
 */
public record DomainError(Kind kind, String code, String message, String field) {

    public enum Kind {
        /** the stream the command addresses does not exist (HTTP 404) */
        NOT_FOUND,
        /** a creation command for a stream that exists (HTTP 409) */
        ALREADY_EXISTS,
        /** an invariant of the aggregate forbids the command in its current state (HTTP 422) */
        RULE_VIOLATED
    }

    public DomainError {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
    }
}
