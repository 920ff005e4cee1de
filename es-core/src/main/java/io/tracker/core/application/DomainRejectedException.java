package io.tracker.core.application;

import io.tracker.core.domain.DomainError;

/** The decider refused the command; nothing was appended. */
public final class DomainRejectedException extends RuntimeException {
    private final transient DomainError error;

    public DomainRejectedException(DomainError error) {
        super(error.message());
        this.error = error;
    }

    public DomainError error() {
        return error;
    }
}
