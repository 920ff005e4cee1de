package io.tracker.negotiation.domain;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import java.util.function.Supplier;

/**
 * Runs rules in order and stops at the first violation: {@code check(a).and(b).accept(event)}. A rule is a
 * supplier returning a {@link DomainError}, or null when it holds; a rule runs only when the ones before it
 * held, so it may rely on them (for instance on a value being present).
 */
final class Checks {
    private DomainError error;

    private Checks() {
    }

    static Checks check(Supplier<DomainError> rule) {
        return new Checks().and(rule);
    }

    Checks and(Supplier<DomainError> rule) {
        if (error == null) {
            error = rule.get();
        }
        return this;
    }

    /** The first violation, or null. */
    DomainError firstViolation() {
        return error;
    }

    <E> Decision<E> accept(Supplier<? extends E> event) {
        if (error != null) {
            return Decision.reject(error.kind(), error.code(), error.message(), error.field());
        }
        E accepted = event.get();
        return Decision.accept(accepted);
    }

    /** A broken invariant or an invalid value (HTTP 422). */
    static DomainError violation(String code, String message, String field) {
        return new DomainError(DomainError.Kind.RULE_VIOLATED, code, message, field);
    }
}
