package io.tracker.investment.domain;

import static io.tracker.investment.domain.Samples.FIVE_BILLION;
import static io.tracker.investment.domain.Samples.LGES;
import static io.tracker.investment.domain.Samples.LGES_2023_07_05;
import static io.tracker.investment.domain.Samples.announced;
import static io.tracker.investment.domain.Samples.commit;
import static io.tracker.investment.domain.Samples.committed;
import static io.tracker.investment.domain.Samples.date;
import static io.tracker.investment.domain.Samples.milestone;
import static io.tracker.investment.domain.Samples.revise;
import static io.tracker.investment.domain.Samples.revised;
import static io.tracker.investment.domain.Samples.supportSecured;
import static io.tracker.investment.domain.Samples.withdraw;
import static io.tracker.investment.domain.Samples.withdrawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.tracker.core.domain.Decision;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.testing.DeciderSpec;
import io.tracker.investment.domain.InvestmentCommand.CommitInvestment;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentCommand.ReviseInvestment;
import io.tracker.investment.domain.InvestmentCommand.WithdrawInvestment;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;

class LifecycleTest {
    private final DeciderSpec<InvestmentCommand, InvestmentEvent, InvestmentState> spec =
            new DeciderSpec<>(new InvestmentDecider()).versionedBy(InvestmentState::version);

    // commit

    @Test
    void commitsAnAnnouncedInvestment() {
        InvestmentState state = spec.given(announced()).when(commit()).then(committed());
        assertTrue(state.committed());
        assertEquals(2500, state.expectedJobs());
    }

    @Test
    void commitsOnlyOnce() {
        spec.given(announced(), committed()).when(commit()).thenRejected("already-committed");
    }

    @Test
    void rejectsACommitmentAfterWithdrawal() {
        spec.given(announced(), withdrawn()).when(commit()).thenRejected("investment-withdrawn");
    }

    @Test
    void rejectsACommitmentWithBadFigures() {
        spec.given(announced())
                .when(new CommitInvestment(
                        Money.of("-5", "CAD"), null, date("2023-07-05"), FactStatus.OCCURRED, List.of(LGES_2023_07_05)))
                .thenRejected("non-positive-amount", "amount.amount");
        spec.given(announced())
                .when(new CommitInvestment(
                        Money.UNDISCLOSED, -2500, date("2023-07-05"), FactStatus.OCCURRED, List.of(LGES_2023_07_05)))
                .thenRejected("negative-jobs", "expectedJobs");
        spec.given(announced())
                .when(new CommitInvestment(Money.UNDISCLOSED, 2500, date("2023-07-05"), FactStatus.OCCURRED, List.of()))
                .thenRejected("source-required", "sources");
    }

    // revise

    @Test
    void revisesAnUndisclosedAmountToADisclosedOne() {
        InvestmentState state = spec.given(announced()).when(revise()).then(revised());
        assertEquals(FIVE_BILLION, state.amount());
        assertEquals(2500, state.expectedJobs());
    }

    @Test
    void revisesTheJobsAloneAfterTheCommitment() {
        ReviseInvestment jobsOnly = new ReviseInvestment(
                Money.UNDISCLOSED, 3000, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05));
        InvestmentState state = spec.given(announced(), revised(), committed())
                .when(jobsOnly)
                .then(new InvestmentRevised(
                        LGES, Money.UNDISCLOSED, 3000, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05)));
        assertEquals(FIVE_BILLION, state.amount(), "an undisclosed revision keeps the known amount");
        assertEquals(3000, state.expectedJobs());
    }

    @Test
    void aRevisionMustChangeSomething() {
        ReviseInvestment sameValueOtherScale = new ReviseInvestment(
                Money.of("5E+9", "CAD"), 2500, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05));
        spec.given(announced(), revised()).when(sameValueOtherScale).thenRejected("revision-changes-nothing");
        ReviseInvestment statesNothing = new ReviseInvestment(
                Money.UNDISCLOSED, null, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05));
        spec.given(announced()).when(statesNothing).thenRejected("revision-changes-nothing");
    }

    @Test
    void aRevisionInAnotherCurrencyIsAChange() {
        ReviseInvestment usd = new ReviseInvestment(
                Money.of("3500000000", "USD"), null, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05));
        spec.given(announced(), revised())
                .when(usd)
                .then(new InvestmentRevised(
                        LGES,
                        Money.of("3500000000", "USD"),
                        null,
                        date("2024"),
                        FactStatus.ANNOUNCED,
                        List.of(LGES_2023_07_05)));
    }

    @Test
    void rejectsARevisionAfterWithdrawalOrWithBadValues() {
        spec.given(announced(), withdrawn()).when(revise()).thenRejected("investment-withdrawn");
        spec.given(announced())
                .when(new ReviseInvestment(
                        Money.of("1", "cad"), null, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05)))
                .thenRejected("invalid-currency", "amount.currency");
        spec.given(announced())
                .when(new ReviseInvestment(null, 10, date("2024"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "amount");
        spec.given(announced())
                .when(new ReviseInvestment(Money.UNDISCLOSED, 10, null, FactStatus.ANNOUNCED, List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "businessDate");
    }

    // milestones

    @Test
    void recordsAMilestoneOfACommittedInvestment() {
        InvestmentState state = spec.given(announced(), committed())
                .when(supportSecured())
                .then(milestone(Milestone.GOVERNMENT_SUPPORT_SECURED));
        assertEquals(Set.of(Milestone.GOVERNMENT_SUPPORT_SECURED), state.milestones());
    }

    @Test
    void rejectsAMilestoneBeforeTheCommitment() {
        spec.given(announced()).when(supportSecured()).thenRejected("not-committed");
    }

    @Test
    void rejectsAMilestoneReachedTwice() {
        spec.given(announced(), committed(), milestone(Milestone.GOVERNMENT_SUPPORT_SECURED))
                .when(supportSecured())
                .thenRejected("milestone-already-reached", "milestone");
    }

    @Test
    void rejectsAMilestoneAfterWithdrawalOrWithoutName() {
        spec.given(announced(), committed(), withdrawn()).when(supportSecured()).thenRejected("investment-withdrawn");
        spec.given(announced(), committed())
                .when(new RecordMilestone(null, date("2024"), FactStatus.OCCURRED, List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "milestone");
        spec.given(announced(), committed())
                .when(new RecordMilestone(Milestone.CONSTRUCTION_STARTED, date("2022"), null, List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "status");
    }

    // withdrawal

    @Test
    void withdrawsBeforeOrAfterTheCommitment() {
        assertTrue(spec.given(announced()).when(withdraw()).then(withdrawn()).withdrawn());
        spec.given(announced(), committed(), milestone(Milestone.SITE_SELECTED))
                .when(withdraw())
                .then(withdrawn());
    }

    @Test
    void withdrawsOnlyOnce() {
        spec.given(announced(), withdrawn()).when(withdraw()).thenRejected("already-withdrawn");
    }

    @Test
    void aWithdrawalNeedsAReason() {
        spec.given(announced())
                .when(new WithdrawInvestment(" ", date("2026"), FactStatus.ANNOUNCED, List.of(LGES_2023_07_05)))
                .thenRejected("value-required", "reason");
    }

    @Test
    void theDecisionIsDeterministic() {
        InvestmentDecider decider = new InvestmentDecider();
        InvestmentState state = decider.fold(List.of(announced()));
        assertEquals(decider.decide(commit(), state), decider.decide(commit(), state));
        assertEquals(Decision.accept(committed()), decider.decide(commit(), state));
    }
}
