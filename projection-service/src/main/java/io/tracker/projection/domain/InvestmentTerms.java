package io.tracker.projection.domain;

import java.util.List;

/**
 * The figures and particulars an investment fact states; any of them may be null (not stated by this fact).
 * {@code negotiationIds} null means "not stated", an empty list "linked to none".
 */
public record InvestmentTerms(
        String project,
        Company investor,
        List<Company> partners,
        String sector,
        Site site,
        Money amount,
        Integer expectedJobs,
        List<String> negotiationIds,
        String milestone,
        String reason) {

    public InvestmentTerms {
        partners = Lists.copyOrNull(partners);
        negotiationIds = Lists.copyOrNull(negotiationIds);
    }

    public static InvestmentTerms none() {
        return new InvestmentTerms(null, null, null, null, null, null, null, null, null, null);
    }

    /** These terms with every non-null value of {@code patch} put in. */
    public InvestmentTerms patchedWith(InvestmentTerms patch) {
        return new InvestmentTerms(
                or(patch.project, project),
                or(patch.investor, investor),
                or(patch.partners, partners),
                or(patch.sector, sector),
                or(patch.site, site),
                or(patch.amount, amount),
                or(patch.expectedJobs, expectedJobs),
                or(patch.negotiationIds, negotiationIds),
                or(patch.milestone, milestone),
                or(patch.reason, reason));
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
