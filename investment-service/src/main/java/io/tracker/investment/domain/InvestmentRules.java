package io.tracker.investment.domain;

import static io.tracker.core.domain.Rules.isWebAddress;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.math.BigDecimal;
import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Codes;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Rules;
import io.tracker.core.domain.Source;
import io.tracker.core.domain.StreamId;

/**
 * The investment's own rules of the values a command carries, in es-core's {@link Rules} vocabulary. Each
 * returns the first {@link DomainError} it finds, or null; {@code field} names the offending request field
 * ({@code site.province}, {@code sources[0].url}, ...).
 */
final class InvestmentRules {
    private InvestmentRules() {}

    static DomainError slug(String id, String field, String code, String what) {
        return Rules.check(() -> required(id, field))
                .and(() -> StreamId.isValid(id)
                        ? null
                        : violation(code, "'" + id + "' is not a valid " + what + ": use " + StreamId.RULE, field))
                .firstViolation();
    }

    static DomainError country(String code, String field) {
        return Rules.check(() -> required(code, field))
                .and(() -> Codes.isCountry(code)
                        ? null
                        : violation(
                                "invalid-country", "'" + code + "' is not an ISO 3166-1 alpha-2 country code", field))
                .firstViolation();
    }

    static DomainError company(Company company, String field) {
        return Rules.check(() -> required(company, field))
                .and(() -> required(company.name(), field + ".name"))
                .and(() -> country(company.country(), field + ".country"))
                .firstViolation();
    }

    static DomainError partners(List<Company> partners, Company investor, String field) {
        return Rules.check(() -> required(partners, field))
                .each(partners, field, (partner, at, i) -> Rules.check(() -> company(partner, at))
                        .and(() -> isInvestor(partner, investor)
                                ? violation(
                                        "partner-is-investor",
                                        partner.name().trim() + " is the investor, not a partner",
                                        at)
                                : null)
                        .and(() -> partners.subList(0, i).stream().anyMatch(p -> sameName(p, partner))
                                ? violation("duplicate-partner", partner.name().trim() + " is listed twice", at)
                                : null)
                        .firstViolation())
                .firstViolation();
    }

    private static boolean sameName(Company a, Company b) {
        return a.name().trim().toLowerCase().equals(b.name().trim().toLowerCase());
    }

    private static boolean isInvestor(Company partner, Company investor) {
        return investor != null
                && investor.name() != null
                && partner.name().trim().equalsIgnoreCase(investor.name().trim());
    }

    static DomainError site(Site site, String field) {
        return Rules.check(() -> required(site, field))
                .and(() -> site.city() != null && site.city().isBlank()
                        ? violation(
                                "invalid-city",
                                "the city is blank: leave it out when the sources do not name it",
                                field + ".city")
                        : null)
                .and(() -> country(site.country(), field + ".country"))
                .and(() -> province(site, field + ".province"))
                .firstViolation();
    }

    private static DomainError province(Site site, String field) {
        if ("CA".equals(site.country())) {
            // null: the sources do not say where in Canada (the seeds often do not)
            return site.province() == null || Codes.isCanadianSubdivision(site.province())
                    ? null
                    : violation(
                            "invalid-province",
                            "'" + site.province()
                                    + "' is not an ISO 3166-2:CA province or territory code such as CA-ON",
                            field);
        }
        return site.province() == null
                ? null
                : violation("invalid-province", "a province is recorded for Canadian sites only", field);
    }

    static DomainError money(Money money, String field) {
        DomainError missing = required(money, field);
        if (missing != null || !(money instanceof Money.Disclosed disclosed)) {
            return missing;
        }
        return Rules.check(() -> required(disclosed.currency(), field + ".currency"))
                .and(() -> Codes.isCurrency(disclosed.currency())
                        ? null
                        : violation(
                                "invalid-currency",
                                "'" + disclosed.currency() + "' is not an ISO 4217 code of a "
                                        + "currency (XXX, XTS, metals and units of account are not money)",
                                field + ".currency"))
                .and(() -> disclosed.amount().compareTo(BigDecimal.ZERO) > 0
                        ? null
                        : violation(
                                "non-positive-amount",
                                "a disclosed amount must be greater than zero; "
                                        + "record an unknown amount as undisclosed",
                                field + ".amount"))
                .firstViolation();
    }

    static DomainError jobs(Integer jobs, String field) {
        return jobs != null && jobs < 0
                ? violation("negative-jobs", "expected jobs cannot be negative; leave them out when unknown", field)
                : null;
    }

    static DomainError negotiationIds(List<String> ids, String field) {
        return Rules.check(() -> required(ids, field))
                .each(ids, field, (id, at, i) -> Rules.check(
                                () -> slug(id, at, "invalid-negotiation-id", "negotiation id"))
                        .and(() -> ids.subList(0, i).contains(id)
                                ? violation("duplicate-negotiation-id", id + " is listed twice", at)
                                : null)
                        .firstViolation())
                .firstViolation();
    }

    /** Business date, status and sources, which every fact carries. */
    static DomainError basis(BusinessDate businessDate, FactStatus status, List<Source> sources) {
        return Rules.check(() -> required(businessDate, "businessDate"))
                .and(() -> required(status, "status"))
                .and(() -> sources(sources))
                .firstViolation();
    }

    static DomainError sources(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            return violation("source-required", "every fact needs at least one source", "sources");
        }
        return Rules.none()
                .each(sources, "sources", (source, at, i) -> Rules.check(() -> required(source, at))
                        .and(() -> required(source.title(), at + ".title"))
                        .and(() -> required(source.publisher(), at + ".publisher"))
                        .and(() -> source.url() == null || isWebAddress(source.url())
                                ? null
                                : violation(
                                        "invalid-source-url",
                                        "'" + source.url() + "' is not an http(s) URL",
                                        at + ".url"))
                        .firstViolation())
                .firstViolation();
    }
}
