package io.tracker.investment.messaging;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;
import io.tracker.investment.domain.Company;
import io.tracker.investment.domain.FactCorrection;
import io.tracker.investment.domain.Money;
import io.tracker.investment.domain.Sector;
import io.tracker.investment.domain.Site;
import io.tracker.investment.messaging.wire.CompanyJson;
import io.tracker.investment.messaging.wire.FactCorrectionJson;
import io.tracker.investment.messaging.wire.MoneyJson;
import io.tracker.investment.messaging.wire.SiteJson;

/**
 * Value types between domain and wire. Reading throws {@link IllegalArgumentException} or
 * {@link NullPointerException} on a payload that does not fit; the codec turns those into
 * {@code UnknownEventException}.
 */
final class WireValues {

    private WireValues() {}

    static MoneyJson money(Money money) {
        return money instanceof Money.Disclosed d
                ? MoneyJson.disclosed(d.amount().toPlainString(), d.currency())
                : MoneyJson.notDisclosed();
    }

    static Money money(MoneyJson json) {
        Objects.requireNonNull(json, "amount");
        if (Boolean.TRUE.equals(json.undisclosed()) && json.amount() == null && json.currency() == null) {
            return Money.UNDISCLOSED;
        }
        if (json.undisclosed() == null && json.amount() != null && json.currency() != null) {
            return new Money.Disclosed(new BigDecimal(json.amount()), json.currency());
        }
        throw new IllegalArgumentException("money is {\"amount\":…,\"currency\":…} or {\"undisclosed\":true}");
    }

    static BusinessDateJson date(BusinessDate date) {
        return BusinessDateJson.of(date);
    }

    static BusinessDate date(BusinessDateJson json) {
        return BusinessDateJson.toDomain(json, "businessDate");
    }

    static FactStatus status(String status) {
        return FactStatus.valueOf(Objects.requireNonNull(status, "status"));
    }

    static List<SourceJson> sources(List<Source> sources) {
        return map(sources, SourceJson::of);
    }

    static List<Source> sourcesFrom(List<SourceJson> json) {
        return map(Objects.requireNonNull(json, "sources"), SourceJson::toDomain);
    }

    static CompanyJson company(Company company) {
        return new CompanyJson(company.name(), company.country());
    }

    static Company company(CompanyJson json) {
        return new Company(json.name(), json.country());
    }

    static List<CompanyJson> companies(List<Company> companies) {
        return map(companies, WireValues::company);
    }

    static List<Company> companiesFrom(List<CompanyJson> json) {
        return map(Objects.requireNonNull(json, "partners"), WireValues::company);
    }

    static SiteJson site(Site site) {
        return new SiteJson(site.city(), site.province(), site.country());
    }

    static Site site(SiteJson json) {
        return new Site(json.city(), json.province(), json.country());
    }

    static FactCorrectionJson correction(FactCorrection c) {
        return new FactCorrectionJson(
                c.project(),
                nullOr(c.investor(), WireValues::company),
                nullOr(c.partners(), WireValues::companies),
                nullOr(c.sector(), Sector::name),
                nullOr(c.site(), WireValues::site),
                nullOr(c.amount(), WireValues::money),
                c.expectedJobs(),
                c.negotiationIds(),
                nullOr(c.businessDate(), WireValues::date),
                nullOr(c.status(), FactStatus::name));
    }

    static FactCorrection correction(FactCorrectionJson c) {
        Objects.requireNonNull(c, "correction");
        return new FactCorrection(
                c.project(),
                nullOr(c.investor(), WireValues::company),
                nullOr(c.partners(), WireValues::companiesFrom),
                nullOr(c.sector(), Sector::valueOf),
                nullOr(c.site(), WireValues::site),
                nullOr(c.amount(), WireValues::money),
                c.expectedJobs(),
                c.negotiationIds(),
                nullOr(c.businessDate(), WireValues::date),
                nullOr(c.status(), FactStatus::valueOf));
    }

    static <A, B> B nullOr(A value, Function<A, B> f) {
        return value == null ? null : f.apply(value);
    }

    private static <A, B> List<B> map(List<A> values, Function<A, B> f) {
        return values.stream().map(f).toList();
    }
}
