package io.tracker.investment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;

/** given(events) / when(command) / then(events) or thenRejected(code) over the {@link InvestmentDecider}. */
final class InvestmentFixture {
    private final InvestmentDecider decider = new InvestmentDecider();
    private final List<InvestmentEvent> history;
    private Decision<InvestmentEvent> decision;

    private InvestmentFixture(List<InvestmentEvent> history) {
        this.history = history;
    }

    static InvestmentFixture given(InvestmentEvent... events) {
        return new InvestmentFixture(List.of(events));
    }

    InvestmentFixture when(InvestmentCommand command) {
        decision = decider.decide(command, decider.fold(history));
        return this;
    }

    /** Asserts the events and returns the state after them. */
    InvestmentState then(InvestmentEvent... expected) {
        Decision.Accepted<InvestmentEvent> accepted = assertInstanceOf(Decision.Accepted.class, decision,
                () -> "expected acceptance but got " + decision);
        assertEquals(List.of(expected), accepted.events());
        List<InvestmentEvent> all = new ArrayList<>(history);
        all.addAll(accepted.events());
        InvestmentState state = decider.fold(all);
        assertEquals(all.size(), state.version());
        return state;
    }

    /** Asserts acceptance and returns the events, for checks on their content. */
    List<InvestmentEvent> thenAccepted() {
        Decision.Accepted<InvestmentEvent> accepted = assertInstanceOf(Decision.Accepted.class, decision,
                () -> "expected acceptance but got " + decision);
        return accepted.events();
    }

    DomainError thenRejected(String code) {
        Decision.Rejected<InvestmentEvent> rejected = assertInstanceOf(Decision.Rejected.class, decision,
                () -> "expected rejection " + code + " but got " + decision);
        assertEquals(DomainError.Kind.RULE_VIOLATED, rejected.error().kind());
        assertEquals(code, rejected.error().code(), rejected.error().message());
        return rejected.error();
    }

    void thenRejected(String code, String field) {
        assertEquals(field, thenRejected(code).field());
    }
}
