package io.tracker.negotiation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import java.util.Arrays;
import java.util.List;

/**
 * Given–when–then for any {@link Decider}: {@code spec.given(events).when(command).then(events)} or
 * {@code .thenRejected(code)}. The given events are folded with {@code evolve}, the command decided
 * against the result.
 */
public final class DeciderSpec<C, E, S> {
    private final Decider<C, E, S> decider;
    private List<E> history = List.of();
    private C command;

    public DeciderSpec(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    @SafeVarargs
    public final DeciderSpec<C, E, S> given(E... events) {
        history = List.of(events);
        return this;
    }

    public DeciderSpec<C, E, S> given(List<E> events) {
        history = List.copyOf(events);
        return this;
    }

    public DeciderSpec<C, E, S> when(C newCommand) {
        command = newCommand;
        return this;
    }

    /** The state the given events fold into. */
    public S state() {
        return decider.fold(history);
    }

    @SafeVarargs
    public final void then(E... expected) {
        Decision<E> decision = decide();
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new AssertionError("expected " + Arrays.toString(expected) + " but was rejected: "
                    + rejected.error());
        }
        assertEquals(List.of(expected), ((Decision.Accepted<E>) decision).events());
    }

    /** Asserts a RULE_VIOLATED rejection with this code and returns the error (for its message or field). */
    public DomainError thenRejected(String code) {
        return thenRejected(DomainError.Kind.RULE_VIOLATED, code);
    }

    /** Asserts a RULE_VIOLATED rejection with this code that names this field ({@code null}: none). */
    public DomainError thenRejected(String code, String field) {
        DomainError error = thenRejected(code);
        assertEquals(field, error.field(), () -> "field of " + error);
        return error;
    }

    public DomainError thenRejected(DomainError.Kind kind, String code) {
        Decision<E> decision = decide();
        Decision.Rejected<E> rejected = assertInstanceOf(Decision.Rejected.class, decision,
                () -> "expected rejection " + code + " but got " + decision);
        assertEquals(kind + " " + code, rejected.error().kind() + " " + rejected.error().code(),
                () -> rejected.error().message());
        return rejected.error();
    }

    private Decision<E> decide() {
        if (command == null) {
            throw new IllegalStateException("when(command) first");
        }
        return decider.decide(command, state());
    }
}
