package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/** A fact of an investment (announced, committed, revised, milestone reached, withdrawn: the type says which). */
public record InvestmentFact(BusinessDate date, FactStatus status, List<Source> sources, InvestmentTerms terms)
        implements EventBody {

    public InvestmentFact {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        sources = Lists.copy(sources);
        terms = terms == null ? InvestmentTerms.none() : terms;
    }

    /** This fact with a correction's non-null values put in. */
    public InvestmentFact corrected(InvestmentCorrection c) {
        return new InvestmentFact(
                c.newDate() != null ? c.newDate() : date,
                c.newStatus() != null ? c.newStatus() : status,
                sources,
                terms.patchedWith(c.patch()));
    }
}
