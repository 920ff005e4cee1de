package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Folds one investment stream into an {@link InvestmentView} as of a question. */
public final class InvestmentCalculator {
    private InvestmentCalculator() {}

    /** Empty when the investment's announcement was not known, had not happened, or was retracted, as of the question. */
    public static Optional<InvestmentView> view(String investmentId, List<RecordedEvent> events, AsOf asOf) {
        List<EffectiveEvent> inForce = StreamHistory.of(events, asOf).inForce(asOf);
        EffectiveEvent announcement = inForce.stream()
                .filter(e -> e.type() == EventType.INVESTMENT_ANNOUNCED)
                .findFirst()
                .orElse(null);
        if (announcement == null) {
            return Optional.empty();
        }
        InvestmentTerms terms = ((InvestmentFact) announcement.current()).terms();
        Money amount = Money.undisclosed();
        Integer jobs = null;
        boolean committed = false;
        boolean withdrawn = false;
        LinkedHashSet<String> milestones = new LinkedHashSet<>();
        List<Source> sources = new ArrayList<>();
        long lastVersion = 0;
        for (EffectiveEvent e : inForce) {
            if (!(e.current() instanceof InvestmentFact fact)) {
                continue;
            }
            lastVersion = Math.max(lastVersion, e.version());
            fact.sources().stream().filter(s -> !sources.contains(s)).forEach(sources::add);
            InvestmentTerms t = fact.terms();
            if (t.amount() != null && t.amount().disclosed()) {
                amount = t.amount();
            }
            if (t.expectedJobs() != null) {
                jobs = t.expectedJobs();
            }
            switch (e.type()) {
                case INVESTMENT_COMMITTED:
                    committed = true;
                    break;
                case INVESTMENT_WITHDRAWN:
                    withdrawn = true;
                    break;
                case INVESTMENT_MILESTONE_REACHED:
                    if (t.milestone() != null && e.occurred()) {
                        milestones.add(t.milestone());
                    }
                    break;
                default:
                    break;
            }
        }
        InvestmentView.State state = withdrawn
                ? InvestmentView.State.WITHDRAWN
                : committed ? InvestmentView.State.COMMITTED : InvestmentView.State.ANNOUNCED;
        return Optional.of(new InvestmentView(
                investmentId,
                terms.project(),
                terms.investor(),
                terms.partners(),
                terms.sector(),
                terms.site(),
                amount,
                jobs,
                terms.negotiationIds(),
                state,
                announcement.date(),
                List.copyOf(milestones),
                sources,
                lastVersion));
    }
}
