package io.tracker.investment.domain;

import java.util.ArrayList;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Source;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentRevised;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;

/**
 * A standing fact as a decision state keeps it: its repeated parts shared ({@link SharedValues}), its investment
 * id the state's own instance; and the heap it takes by estimate, without the parts kept shared. The estimates are
 * those of a 64-bit JVM with compressed references (12-byte headers, 4-byte references, 8-byte alignment), strings
 * at one byte a character; {@code KeptStateMeasurement} (tests) compares them with the heap really retained.
 */
final class FactParts {
    private FactParts() {}

    /** {@code fact} with its repeated parts shared and {@code investmentId} as its id (an equal value). */
    static InvestmentEvent shared(InvestmentEvent fact, SharedValues values, String investmentId) {
        return switch (fact.kind()) {
            case ANNOUNCED -> {
                InvestmentAnnounced e = (InvestmentAnnounced) fact;
                yield new InvestmentAnnounced(
                        investmentId,
                        e.project(),
                        company(e.investor(), values),
                        companies(e.partners(), values),
                        e.sector(),
                        values.share(e.site(), site(e.site())),
                        sharedMoney(e.amount(), values),
                        e.expectedJobs(),
                        ids(e.negotiationIds(), values),
                        date(e.businessDate(), values),
                        e.status(),
                        sources(e.sources(), values));
            }
            case COMMITTED -> {
                InvestmentCommitted e = (InvestmentCommitted) fact;
                yield new InvestmentCommitted(
                        investmentId,
                        sharedMoney(e.amount(), values),
                        e.expectedJobs(),
                        date(e.businessDate(), values),
                        e.status(),
                        sources(e.sources(), values));
            }
            case REVISED -> {
                InvestmentRevised e = (InvestmentRevised) fact;
                yield new InvestmentRevised(
                        investmentId,
                        sharedMoney(e.amount(), values),
                        e.expectedJobs(),
                        date(e.businessDate(), values),
                        e.status(),
                        sources(e.sources(), values));
            }
            case MILESTONE_REACHED -> {
                InvestmentMilestoneReached e = (InvestmentMilestoneReached) fact;
                yield new InvestmentMilestoneReached(
                        investmentId,
                        e.milestone(),
                        date(e.businessDate(), values),
                        e.status(),
                        sources(e.sources(), values));
            }
            case WITHDRAWN -> {
                InvestmentWithdrawn e = (InvestmentWithdrawn) fact;
                yield new InvestmentWithdrawn(
                        investmentId,
                        e.reason(),
                        date(e.businessDate(), values),
                        e.status(),
                        sources(e.sources(), values));
            }
            case FACT_CORRECTED, FACT_RETRACTED -> fact; // never a standing fact
        };
    }

    /**
     * The estimated heap of a fact kept by {@link #shared}: the record and what only it holds; a part that
     * {@code values} holds counts nothing (nor the id, the state's).
     */
    static long bytes(InvestmentEvent fact, SharedValues values) {
        return switch (fact.kind()) {
            case ANNOUNCED -> {
                InvestmentAnnounced e = (InvestmentAnnounced) fact;
                yield object(12 * 4)
                        + string(e.project())
                        + own(e.investor(), company(e.investor()), values)
                        + own(e.partners(), companies(e.partners()), values)
                        + own(e.site(), site(e.site()), values)
                        + money(e.amount(), values)
                        + integer(e.expectedJobs())
                        + own(e.negotiationIds(), strings(e.negotiationIds()), values)
                        + basis(e.businessDate(), e.sources(), values);
            }
            case COMMITTED, REVISED -> {
                InvestmentEvent.Figures e = (InvestmentEvent.Figures) fact;
                yield object(6 * 4)
                        + money(e.amount(), values)
                        + integer(e.expectedJobs())
                        + basis(e.businessDate(), e.sources(), values);
            }
            case MILESTONE_REACHED -> {
                InvestmentMilestoneReached e = (InvestmentMilestoneReached) fact;
                yield object(5 * 4) + basis(e.businessDate(), e.sources(), values);
            }
            case WITHDRAWN -> {
                InvestmentWithdrawn e = (InvestmentWithdrawn) fact;
                yield object(5 * 4) + string(e.reason()) + basis(e.businessDate(), e.sources(), values);
            }
            case FACT_CORRECTED, FACT_RETRACTED -> 0;
        };
    }

    // ---- sharing

    private static Company company(Company c, SharedValues values) {
        return values.share(c, company(c));
    }

    private static List<Company> companies(List<Company> list, SharedValues values) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Company> shared = new ArrayList<>(list.size());
        for (Company c : list) {
            shared.add(company(c, values));
        }
        return values.share(List.copyOf(shared), list(shared.size()));
    }

    private static List<Source> sources(List<Source> list, SharedValues values) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Source> shared = new ArrayList<>(list.size());
        for (Source s : list) {
            shared.add(values.share(s, source(s)));
        }
        return values.share(List.copyOf(shared), list(shared.size()));
    }

    private static List<String> ids(List<String> list, SharedValues values) {
        return list.isEmpty() ? List.of() : values.share(List.copyOf(list), strings(list));
    }

    private static BusinessDate date(BusinessDate d, SharedValues values) {
        return values.share(d, date(d));
    }

    /** An undisclosed amount is the one constant; a disclosed one keeps its own number and a shared currency. */
    private static Money sharedMoney(Money m, SharedValues values) {
        if (m instanceof Money.Disclosed d) {
            return new Money.Disclosed(d.amount(), values.share(d.currency(), string(d.currency())));
        }
        return m == null ? null : Money.UNDISCLOSED;
    }

    // ---- estimates

    private static long own(Object part, long bytes, SharedValues values) {
        return part == null || values.holds(part) ? 0 : bytes;
    }

    private static long basis(BusinessDate date, List<Source> sources, SharedValues values) {
        long bytes = own(date, date(date), values);
        if (!sources.isEmpty() && !values.holds(sources)) {
            bytes += list(sources.size());
            for (Source s : sources) {
                bytes += own(s, source(s), values);
            }
        }
        return bytes;
    }

    private static long money(Money m, SharedValues values) {
        if (m instanceof Money.Disclosed d) {
            long number = object(4 + 4 + 4 + 4 + 8); // BigDecimal: intVal, scale, precision, stringCache, intCompact
            if (d.amount().unscaledValue().bitLength() > 63) {
                number += object(4 * 5) + array(4L * (d.amount().unscaledValue().bitLength() / 32 + 1));
            }
            return object(2 * 4) + number + own(d.currency(), string(d.currency()), values);
        }
        return m == null || m == Money.UNDISCLOSED ? 0 : object(0);
    }

    /** Integer.valueOf keeps -128..127 once. */
    private static long integer(Integer i) {
        return i == null || (i >= -128 && i <= 127) ? 0 : object(4);
    }

    static long company(Company c) {
        return c == null ? 0 : object(2 * 4) + string(c.name()) + string(c.country());
    }

    static long companies(List<Company> list) {
        long bytes = list(list.size());
        for (Company c : list) {
            bytes += company(c);
        }
        return bytes;
    }

    static long site(Site s) {
        return s == null ? 0 : object(3 * 4) + string(s.city()) + string(s.province()) + string(s.country());
    }

    static long strings(List<String> list) {
        long bytes = list(list.size());
        for (String s : list) {
            bytes += string(s);
        }
        return bytes;
    }

    static long source(Source s) {
        return object(5 * 4)
                + string(s.title())
                + string(s.publisher())
                + string(s.url())
                + (s.published() == null ? 0 : LOCAL_DATE);
    }

    static long date(BusinessDate d) {
        return d == null ? 0 : object(4 * 4) + string(d.text()) + 2 * LOCAL_DATE;
    }

    private static final long LOCAL_DATE = object(4 + 2 + 2);

    /** An object with {@code fields} bytes of fields after its 12-byte header. */
    static long object(long fields) {
        return align(12 + fields);
    }

    static long array(long elements) {
        return align(16 + elements);
    }

    static long string(String s) {
        return s == null ? 0 : object(4 + 4 + 1 + 1) + array(s.length());
    }

    /** List.of / List.copyOf: the empty list is one constant, one or two elements a List12, more a ListN. */
    static long list(int size) {
        if (size == 0) {
            return 0;
        }
        return size <= 2 ? object(2 * 4) : object(4 + 1) + array(4L * size);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
