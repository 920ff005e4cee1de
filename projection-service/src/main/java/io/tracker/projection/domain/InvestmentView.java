package io.tracker.projection.domain;

import java.util.List;

/**
 * An investment as of the question: its particulars (as corrected), the amount and jobs the latest fact in
 * force that states them gives ({@code amount} undisclosed when none does), where it stands and the
 * milestones it reached.
 */
public record InvestmentView(
        String investmentId,
        String project,
        Company investor,
        List<Company> partners,
        String sector,
        Site site,
        Money amount,
        Integer expectedJobs,
        List<String> negotiationIds,
        State state,
        BusinessDate announced,
        List<String> milestones,
        List<Source> sources,
        long lastVersion) {

    /** ANNOUNCED, then COMMITTED; WITHDRAWN ends it (withdrawn investments are left out of the totals). */
    public enum State {
        ANNOUNCED,
        COMMITTED,
        WITHDRAWN
    }

    public InvestmentView {
        partners = Lists.copy(partners);
        negotiationIds = Lists.copy(negotiationIds);
        milestones = Lists.copy(milestones);
        sources = Lists.copy(sources);
    }
}
