package io.tracker.core.domain;

/**
 * An aggregate as a pure function pair: {@link #evolve} folds events into state, {@link #decide} turns a
 * command and the current state into new events or a domain error. No I/O, no framework.
 *
 * @param <C> the aggregate's sealed command type
 * @param <E> the aggregate's sealed event type
 * @param <S> the state the events fold into
 */
public interface Decider<C, E, S> {

    /** The state of a stream with no events. */
    S initialState();

    S evolve(S state, E event);

    Decision<E> decide(C command, S state);

    /** True when the command may start a new stream (only creation commands are). */
    boolean createsStream(C command);

    default S fold(Iterable<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
