package io.tracker.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;

/**
 * The one given/when/then fixture of the command services' deciders (es-core's test-jar):
 * {@code spec.given(events).when(command).then(events)}, {@code .thenAccepted()} or
 * {@code .thenRejected(code, field)}. The given events are folded with {@code evolve}, the command is decided
 * against the result. With {@link #versionedBy} every {@code then} also checks that the state after the new
 * events stands at the number of events folded.
 */
public final class DeciderSpec<C, E, S> {
    private final Decider<C, E, S> decider;
    private final ToLongFunction<S> version;
    private List<E> history = List.of();
    private C command;

    public DeciderSpec(Decider<C, E, S> decider) {
        this(decider, null);
    }

    private DeciderSpec(Decider<C, E, S> decider, ToLongFunction<S> version) {
        this.decider = decider;
        this.version = version;
    }

    /** A spec whose {@code then} also asserts the state's version after the events (its stream version). */
    public DeciderSpec<C, E, S> versionedBy(ToLongFunction<S> stateVersion) {
        return new DeciderSpec<>(decider, stateVersion);
    }

    @SafeVarargs
    public final DeciderSpec<C, E, S> given(E... events) {
        return given(List.of(events));
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

    /** Asserts that the command is accepted with exactly these events; returns the state after them. */
    @SafeVarargs
    public final S then(E... expected) {
        assertEquals(List.of(expected), thenAccepted());
        List<E> all = new ArrayList<>(history);
        all.addAll(List.of(expected));
        S after = decider.fold(all);
        if (version != null) {
            assertEquals(all.size(), version.applyAsLong(after), "version of the state after the events");
        }
        return after;
    }

    /** Asserts acceptance and returns the events, for checks on their content. */
    public List<E> thenAccepted() {
        Decision<E> decision = decide();
        if (decision instanceof Decision.Rejected<E> rejected) {
            throw new AssertionError("expected acceptance but was rejected: " + rejected.error());
        }
        return ((Decision.Accepted<E>) decision).events();
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
        Decision.Rejected<E> rejected = assertInstanceOf(
                Decision.Rejected.class, decision, () -> "expected rejection " + code + " but got " + decision);
        assertEquals(
                kind + " " + code,
                rejected.error().kind() + " " + rejected.error().code(),
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
