package io.tracker.core.domain;

import java.util.List;
import java.util.Objects;

/** What {@link Decider#decide} returns: the events to append, or why nothing is appended. */
public sealed interface Decision<E> permits Decision.Accepted, Decision.Rejected {

    record Accepted<E>(List<E> events) implements Decision<E> {
        public Accepted {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an accepted command produces at least one event");
            }
        }
    }

    record Rejected<E>(DomainError error) implements Decision<E> {
        public Rejected {
            Objects.requireNonNull(error);
        }
    }

    @SafeVarargs
    static <E> Decision<E> accept(E... events) {
        return new Accepted<>(List.of(events));
    }

    static <E> Decision<E> reject(DomainError error) {
        return new Rejected<>(error);
    }

    static <E> Decision<E> reject(DomainError.Kind kind, String code, String message) {
        return new Rejected<>(new DomainError(kind, code, message, null));
    }

    static <E> Decision<E> reject(DomainError.Kind kind, String code, String message, String field) {
        return new Rejected<>(new DomainError(kind, code, message, field));
    }
}
