package io.tracker.investment.domain;

import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;
import io.tracker.investment.domain.InvestmentEvent.Fact;
import io.tracker.investment.domain.InvestmentEvent.Figures;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;

/** Which values of a fact a correction may replace, whether it is valid, and the fact it yields. */
public final class InvestmentCorrections {

    private InvestmentCorrections() {}

    /** The names of the {@link FactCorrection} fields the given fact has (none for corrections/retractions). */
    public static Set<String> correctableFields(InvestmentEvent fact) {
        return Set.copyOf(values(fact).keySet());
    }

    /** The first reason {@code correction} cannot apply to {@code fact}, or null. */
    static DomainError check(InvestmentEvent fact, FactCorrection c) {
        if (c == null) {
            return required(null, "correction");
        }
        Map<String, Object> current = values(fact);
        Map<String, Object> given = given(c);
        for (String name : given.keySet()) {
            if (!current.containsKey(name)) {
                return violation(
                        "correction-not-applicable",
                        "an " + typeName(fact) + " fact has no " + name + " to correct",
                        "correction." + name);
            }
        }
        DomainError invalid = Rules.check(
                        () -> c.project() == null ? null : required(c.project(), "correction.project"))
                .and(() -> c.investor() == null ? null : InvestmentRules.company(c.investor(), "correction.investor"))
                .and(() -> c.partners() == null
                        ? null
                        : InvestmentRules.partners(
                                c.partners(),
                                c.investor() != null ? c.investor() : (Company) current.get("investor"),
                                "correction.partners"))
                .and(() -> c.site() == null ? null : InvestmentRules.site(c.site(), "correction.site"))
                .and(() -> c.amount() == null ? null : InvestmentRules.money(c.amount(), "correction.amount"))
                .and(() -> InvestmentRules.jobs(c.expectedJobs(), "correction.expectedJobs"))
                .and(() -> c.negotiationIds() == null
                        ? null
                        : InvestmentRules.negotiationIds(c.negotiationIds(), "correction.negotiationIds"))
                .firstViolation();
        if (invalid != null) {
            return invalid;
        }
        boolean changes = given.entrySet().stream().anyMatch(e -> !sameValue(e.getValue(), current.get(e.getKey())));
        return changes
                ? null
                : violation(
                        "correction-changes-nothing",
                        "the correction gives no value that differs from the fact " + "it corrects",
                        "correction");
    }

    /** The fact with the non-null values of the correction in place of its own. */
    static InvestmentEvent apply(InvestmentEvent fact, FactCorrection c) {
        return switch (fact.kind()) {
            case ANNOUNCED -> {
                InvestmentAnnounced e = (InvestmentAnnounced) fact;
                yield new InvestmentAnnounced(
                        e.investmentId(),
                        or(c.project(), e.project()),
                        or(c.investor(), e.investor()),
                        or(c.partners(), e.partners()),
                        or(c.sector(), e.sector()),
                        or(c.site(), e.site()),
                        or(c.amount(), e.amount()),
                        or(c.expectedJobs(), e.expectedJobs()),
                        or(c.negotiationIds(), e.negotiationIds()),
                        or(c.businessDate(), e.businessDate()),
                        or(c.status(), e.status()),
                        e.sources());
            }
            case COMMITTED -> {
                InvestmentCommitted e = (InvestmentCommitted) fact;
                yield new InvestmentCommitted(
                        e.investmentId(),
                        or(c.amount(), e.amount()),
                        or(c.expectedJobs(), e.expectedJobs()),
                        or(c.businessDate(), e.businessDate()),
                        or(c.status(), e.status()),
                        e.sources());
            }
            case REVISED -> {
                InvestmentRevised e = (InvestmentRevised) fact;
                yield new InvestmentRevised(
                        e.investmentId(),
                        or(c.amount(), e.amount()),
                        or(c.expectedJobs(), e.expectedJobs()),
                        or(c.businessDate(), e.businessDate()),
                        or(c.status(), e.status()),
                        e.sources());
            }
            case MILESTONE_REACHED -> {
                InvestmentMilestoneReached e = (InvestmentMilestoneReached) fact;
                yield new InvestmentMilestoneReached(
                        e.investmentId(),
                        e.milestone(),
                        or(c.businessDate(), e.businessDate()),
                        or(c.status(), e.status()),
                        e.sources());
            }
            case WITHDRAWN -> {
                InvestmentWithdrawn e = (InvestmentWithdrawn) fact;
                yield new InvestmentWithdrawn(
                        e.investmentId(),
                        e.reason(),
                        or(c.businessDate(), e.businessDate()),
                        or(c.status(), e.status()),
                        e.sources());
            }
            case FACT_CORRECTED, FACT_RETRACTED -> fact;
        };
    }

    private static Map<String, Object> values(InvestmentEvent fact) {
        Map<String, Object> values = new HashMap<>();
        if (fact instanceof Fact f) {
            values.put("businessDate", f.businessDate());
            values.put("status", f.status());
        }
        if (fact instanceof Figures f) {
            values.put("amount", f.amount());
            values.put("expectedJobs", f.expectedJobs());
        }
        if (fact instanceof InvestmentAnnounced a) {
            values.put("project", a.project());
            values.put("investor", a.investor());
            values.put("partners", a.partners());
            values.put("sector", a.sector());
            values.put("site", a.site());
            values.put("negotiationIds", a.negotiationIds());
        }
        return values;
    }

    private static Map<String, Object> given(FactCorrection c) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("project", c.project());
        given.put("investor", c.investor());
        given.put("partners", c.partners());
        given.put("sector", c.sector());
        given.put("site", c.site());
        given.put("amount", c.amount());
        given.put("expectedJobs", c.expectedJobs());
        given.put("negotiationIds", c.negotiationIds());
        given.put("businessDate", c.businessDate());
        given.put("status", c.status());
        given.values().removeIf(Objects::isNull);
        return given;
    }

    private static boolean sameValue(Object corrected, Object current) {
        if (corrected instanceof Money a && current instanceof Money b) {
            return a.sameAmountAs(b) || a instanceof Money.Undisclosed && b instanceof Money.Undisclosed;
        }
        return Objects.equals(corrected, current);
    }

    private static String typeName(InvestmentEvent fact) {
        return fact.getClass().getSimpleName();
    }

    private static <T> T or(T corrected, T current) {
        return corrected != null ? corrected : current;
    }
}
