package io.tracker.projection.domain;

import java.util.List;

/**
 * The investment fact at {@code targetVersion}: the non-null values of {@code patch}, {@code newDate} and
 * {@code newStatus} replace its own; the rest stays as it was.
 */
public record InvestmentCorrection(
        long targetVersion,
        InvestmentTerms patch,
        BusinessDate newDate,
        FactStatus newStatus,
        String reason,
        List<Source> sources)
        implements EventBody {

    public InvestmentCorrection {
        patch = patch == null ? InvestmentTerms.none() : patch;
        sources = Lists.copy(sources);
    }

    @Override
    public BusinessDate date() {
        return newDate;
    }

    @Override
    public FactStatus status() {
        return newStatus;
    }
}
