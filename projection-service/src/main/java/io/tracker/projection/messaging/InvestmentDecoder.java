package io.tracker.projection.messaging;

import static io.tracker.projection.messaging.WireFields.date;
import static io.tracker.projection.messaging.WireFields.map;
import static io.tracker.projection.messaging.WireFields.required;
import static io.tracker.projection.messaging.WireFields.sources;
import static io.tracker.projection.messaging.WireFields.status;
import static io.tracker.projection.messaging.WireFields.version;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

import io.tracker.projection.domain.Company;
import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.InvestmentCorrection;
import io.tracker.projection.domain.InvestmentFact;
import io.tracker.projection.domain.InvestmentTerms;
import io.tracker.projection.domain.Money;
import io.tracker.projection.domain.Retraction;
import io.tracker.projection.domain.Site;
import io.tracker.projection.messaging.wire.InvestmentEventData;
import io.tracker.projection.messaging.wire.WireValues.CompanyJson;
import io.tracker.projection.messaging.wire.WireValues.MoneyJson;
import io.tracker.projection.messaging.wire.WireValues.SiteJson;

/**
 * Reads the data of an event of the investment topic into its domain body: a fact with its terms, a
 * correction (a patch of the terms) or a retraction (part of {@link EventDecoder}).
 */
final class InvestmentDecoder {
    private InvestmentDecoder() {}

    static EventBody decode(EventType type, InvestmentEventData d) {
        switch (type) {
            case INVESTMENT_ANNOUNCED:
                return fact(
                        d,
                        () -> new InvestmentTerms(
                                d.project(),
                                company(d.investor()),
                                companies(d.partners()),
                                d.sector(),
                                site(d.site()),
                                money(d.amount(), "amount"),
                                d.expectedJobs(),
                                d.negotiationIds() == null ? List.of() : d.negotiationIds(),
                                null,
                                null));
            case INVESTMENT_COMMITTED:
            case INVESTMENT_REVISED:
                return fact(
                        d,
                        () -> new InvestmentTerms(
                                null,
                                null,
                                null,
                                null,
                                null,
                                money(d.amount(), "amount"),
                                d.expectedJobs(),
                                null,
                                null,
                                null));
            case INVESTMENT_MILESTONE_REACHED:
                return fact(
                        d,
                        () -> new InvestmentTerms(
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                required(d.milestone(), "milestone"),
                                null));
            case INVESTMENT_WITHDRAWN:
                return fact(
                        d, () -> new InvestmentTerms(null, null, null, null, null, null, null, null, null, d.reason()));
            case INVESTMENT_FACT_CORRECTED: {
                InvestmentEventData.Correction c = required(d.correction(), "correction");
                InvestmentTerms patch = new InvestmentTerms(
                        c.project(),
                        company(c.investor()),
                        companies(c.partners()),
                        c.sector(),
                        site(c.site()),
                        money(c.amount(), "correction.amount"),
                        c.expectedJobs(),
                        c.negotiationIds(),
                        null,
                        null);
                return new InvestmentCorrection(
                        version(d.correctsVersion(), "correctsVersion"),
                        patch,
                        c.businessDate() == null ? null : date(c.businessDate(), "correction.businessDate"),
                        c.status() == null ? null : status(c.status(), "correction.status"),
                        d.reason(),
                        sources(d.sources()));
            }
            case INVESTMENT_FACT_RETRACTED:
                return new Retraction(
                        version(d.retractsVersion(), "retractsVersion"), d.reason(), sources(d.sources()));
            default:
                throw new IllegalArgumentException("not an investment event");
        }
    }

    /**
     * A fact's business date, status and sources, then its terms: read in this order, so that the first field found
     * invalid is the one named.
     */
    private static InvestmentFact fact(InvestmentEventData d, Supplier<InvestmentTerms> terms) {
        return new InvestmentFact(
                date(d.businessDate(), "businessDate"),
                status(d.status(), "status"),
                sources(d.sources()),
                terms.get());
    }

    private static Company company(CompanyJson c) {
        return c == null ? null : new Company(c.name(), c.country());
    }

    private static List<Company> companies(List<CompanyJson> list) {
        return list == null ? null : map(list, InvestmentDecoder::company);
    }

    private static Site site(SiteJson s) {
        return s == null ? null : new Site(s.city(), s.province(), s.country());
    }

    /** Null when absent; {@code {"undisclosed":true}} is undisclosed, never zero. */
    private static Money money(MoneyJson m, String field) {
        if (m == null) {
            return null;
        }
        if (Boolean.TRUE.equals(m.undisclosed()) || (m.amount() == null && m.currency() == null)) {
            return Money.undisclosed();
        }
        try {
            return Money.of(
                    new BigDecimal(required(m.amount(), field + ".amount")),
                    required(m.currency(), field + ".currency"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ".amount: not a decimal number '" + m.amount() + "'", e);
        }
    }
}
