package io.tracker.investment.domain;

import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import io.tracker.core.domain.Decider;
import io.tracker.core.domain.Decision;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;
import io.tracker.investment.domain.InvestmentCommand.AnnounceInvestment;
import io.tracker.investment.domain.InvestmentCommand.CommitInvestment;
import io.tracker.investment.domain.InvestmentCommand.CorrectFact;
import io.tracker.investment.domain.InvestmentCommand.RecordMilestone;
import io.tracker.investment.domain.InvestmentCommand.RetractFact;
import io.tracker.investment.domain.InvestmentCommand.ReviseInvestment;
import io.tracker.investment.domain.InvestmentCommand.WithdrawInvestment;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactCorrected;
import io.tracker.investment.domain.InvestmentEvent.InvestmentFactRetracted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;

/**
 * The investment lifecycle: announced → committed → milestones → (withdrawn); after a withdrawal only
 * corrections and retractions. Pure and deterministic: no clock, no I/O. The states it folds may keep the values
 * their facts repeat in {@link SharedValues} (one instance of an equal value for many states): the same values, so
 * the same decisions and answers.
 */
public final class InvestmentDecider implements Decider<InvestmentCommand, InvestmentEvent, InvestmentState> {
    private final SharedValues values;

    /** A decider whose states keep their own copies of every value. */
    public InvestmentDecider() {
        this(SharedValues.NONE);
    }

    /** A decider whose states keep the values their facts repeat in {@code values}. */
    public InvestmentDecider(SharedValues values) {
        this.values = values;
    }

    @Override
    public InvestmentState initialState() {
        return InvestmentState.initial();
    }

    @Override
    public boolean createsStream(InvestmentCommand command) {
        return command.kind() == InvestmentCommand.Kind.ANNOUNCE;
    }

    @Override
    public InvestmentState evolve(InvestmentState state, InvestmentEvent event) {
        return switch (event.kind()) {
            case ANNOUNCED, COMMITTED, REVISED, MILESTONE_REACHED, WITHDRAWN -> state.withFact(event, values);
            case FACT_CORRECTED -> {
                InvestmentFactCorrected e = (InvestmentFactCorrected) event;
                yield state.withCorrection(
                        e.correctsVersion(), fact -> InvestmentCorrections.apply(fact, e.correction()), values);
            }
            case FACT_RETRACTED -> state.withRetraction(((InvestmentFactRetracted) event).retractsVersion(), values);
        };
    }

    @Override
    public Decision<InvestmentEvent> decide(InvestmentCommand command, InvestmentState state) {
        return switch (command.kind()) {
            case ANNOUNCE -> announce((AnnounceInvestment) command);
            case COMMIT -> commit((CommitInvestment) command, state);
            case REVISE -> revise((ReviseInvestment) command, state);
            case RECORD_MILESTONE -> recordMilestone((RecordMilestone) command, state);
            case WITHDRAW -> withdraw((WithdrawInvestment) command, state);
            case CORRECT_FACT -> correct((CorrectFact) command, state);
            case RETRACT_FACT -> retract((RetractFact) command, state);
        };
    }

    private Decision<InvestmentEvent> announce(AnnounceInvestment c) {
        return Rules.check(() -> InvestmentRules.slug(
                        c.investmentId(), "investmentId", "invalid-investment-id", "investment id"))
                .and(() -> required(c.project(), "project"))
                .and(() -> InvestmentRules.company(c.investor(), "investor"))
                .and(() -> InvestmentRules.partners(c.partners(), c.investor(), "partners"))
                .and(() -> required(c.sector(), "sector"))
                .and(() -> InvestmentRules.site(c.site(), "site"))
                .and(() -> InvestmentRules.money(c.amount(), "amount"))
                .and(() -> InvestmentRules.jobs(c.expectedJobs(), "expectedJobs"))
                .and(() -> InvestmentRules.negotiationIds(c.negotiationIds(), "negotiationIds"))
                .and(() -> InvestmentRules.basis(c.businessDate(), c.status(), c.sources()))
                .accept(() -> new InvestmentAnnounced(
                        c.investmentId(),
                        c.project(),
                        c.investor(),
                        c.partners(),
                        c.sector(),
                        c.site(),
                        c.amount(),
                        c.expectedJobs(),
                        c.negotiationIds(),
                        c.businessDate(),
                        c.status(),
                        c.sources()));
    }

    private Decision<InvestmentEvent> commit(CommitInvestment c, InvestmentState state) {
        return Rules.check(() -> notWithdrawn(state))
                .and(() -> state.committed()
                        ? violation(
                                "already-committed",
                                "the investment is already " + "committed; record new figures as a revision",
                                null)
                        : null)
                .and(() -> InvestmentRules.money(c.amount(), "amount"))
                .and(() -> InvestmentRules.jobs(c.expectedJobs(), "expectedJobs"))
                .and(() -> InvestmentRules.basis(c.businessDate(), c.status(), c.sources()))
                .accept(() -> new InvestmentCommitted(
                        state.investmentId(), c.amount(), c.expectedJobs(), c.businessDate(), c.status(), c.sources()));
    }

    private Decision<InvestmentEvent> revise(ReviseInvestment c, InvestmentState state) {
        return Rules.check(() -> notWithdrawn(state))
                .and(() -> InvestmentRules.money(c.amount(), "amount"))
                .and(() -> InvestmentRules.jobs(c.expectedJobs(), "expectedJobs"))
                .and(() -> InvestmentRules.basis(c.businessDate(), c.status(), c.sources()))
                .and(() -> changesFigures(c, state)
                        ? null
                        : violation(
                                "revision-changes-nothing",
                                "the revision " + "states no amount or jobs that differ from the current ones",
                                null))
                .accept(() -> new InvestmentRevised(
                        state.investmentId(), c.amount(), c.expectedJobs(), c.businessDate(), c.status(), c.sources()));
    }

    private static boolean changesFigures(ReviseInvestment c, InvestmentState state) {
        boolean newAmount = c.amount() instanceof Money.Disclosed && !c.amount().sameAmountAs(state.amount());
        boolean newJobs = c.expectedJobs() != null && !c.expectedJobs().equals(state.expectedJobs());
        return newAmount || newJobs;
    }

    private Decision<InvestmentEvent> recordMilestone(RecordMilestone c, InvestmentState state) {
        return Rules.check(() -> notWithdrawn(state))
                .and(() -> state.committed()
                        ? null
                        : violation(
                                "not-committed", "milestones are recorded once the " + "investment is committed", null))
                .and(() -> required(c.milestone(), "milestone"))
                .and(() -> state.milestones().contains(c.milestone())
                        ? violation(
                                "milestone-already-reached",
                                c.milestone() + " is already recorded; correct that fact instead",
                                "milestone")
                        : null)
                .and(() -> InvestmentRules.basis(c.businessDate(), c.status(), c.sources()))
                .accept(() -> new InvestmentMilestoneReached(
                        state.investmentId(), c.milestone(), c.businessDate(), c.status(), c.sources()));
    }

    private Decision<InvestmentEvent> withdraw(WithdrawInvestment c, InvestmentState state) {
        return Rules.check(() -> state.withdrawn()
                        ? violation("already-withdrawn", "the investment is already withdrawn", null)
                        : null)
                .and(() -> required(c.reason(), "reason"))
                .and(() -> InvestmentRules.basis(c.businessDate(), c.status(), c.sources()))
                .accept(() -> new InvestmentWithdrawn(
                        state.investmentId(), c.reason(), c.businessDate(), c.status(), c.sources()));
    }

    private Decision<InvestmentEvent> correct(CorrectFact c, InvestmentState state) {
        return Rules.check(() -> pointsAtStandingFact(state, c.correctsVersion(), "correctsVersion", "corrected"))
                .and(() -> InvestmentCorrections.check(state.fact(c.correctsVersion()), c.correction()))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> InvestmentRules.sources(c.sources()))
                .accept(() -> new InvestmentFactCorrected(
                        state.investmentId(), c.correctsVersion(), c.correction(), c.reason(), c.sources()));
    }

    private Decision<InvestmentEvent> retract(RetractFact c, InvestmentState state) {
        return Rules.check(() -> pointsAtStandingFact(state, c.retractsVersion(), "retractsVersion", "retracted"))
                .and(() -> retractable(state, c.retractsVersion()))
                .and(() -> required(c.reason(), "reason"))
                .and(() -> InvestmentRules.sources(c.sources()))
                .accept(() -> new InvestmentFactRetracted(
                        state.investmentId(), c.retractsVersion(), c.reason(), c.sources()));
    }

    private static DomainError notWithdrawn(InvestmentState state) {
        return state.withdrawn()
                ? violation(
                        "investment-withdrawn",
                        "the investment is withdrawn: only corrections " + "and retractions are accepted",
                        null)
                : null;
    }

    private static DomainError pointsAtStandingFact(InvestmentState state, int version, String field, String verb) {
        return switch (state.at(version)) {
            case FACT -> null;
            case RETRACTED_FACT ->
                violation(
                        "fact-retracted",
                        "the fact at version " + version + " is retracted and cannot be " + verb,
                        field);
            case CORRECTION_OR_RETRACTION ->
                violation(
                        "not-a-fact",
                        "version " + version + " is a correction or "
                                + "retraction; point at the original fact instead",
                        field);
            case NOTHING ->
                violation(
                        "unknown-version",
                        "the investment has no version " + version + " (its latest version is " + state.version() + ")",
                        field);
        };
    }

    private static DomainError retractable(InvestmentState state, int version) {
        InvestmentEvent fact = state.fact(version);
        if (fact instanceof InvestmentAnnounced) {
            return violation(
                    "announcement-not-retractable",
                    "the announcement cannot be retracted; correct it " + "instead",
                    "retractsVersion");
        }
        if (fact instanceof InvestmentCommitted && !state.milestones().isEmpty()) {
            return violation(
                    "commitment-has-milestones",
                    "the commitment cannot be retracted while milestones " + "stand on it; retract those first",
                    "retractsVersion");
        }
        return null;
    }
}
