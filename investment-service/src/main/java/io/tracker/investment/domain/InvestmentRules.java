package io.tracker.investment.domain;

import java.math.BigDecimal;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Codes;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.domain.StreamId;

/**
 * Checks of the values a command carries. Each check returns the first {@link DomainError} it finds, or null;
 * {@code field} names the offending request field ({@code site.province}, {@code sources[0].url}, ...).
 */
final class InvestmentRules {
    private InvestmentRules() {
    }

    @SafeVarargs
    static DomainError first(Supplier<DomainError>... checks) {
        for (Supplier<DomainError> check : checks) {
            DomainError error = check.get();
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    static DomainError violation(String code, String message, String field) {
        return new DomainError(DomainError.Kind.RULE_VIOLATED, code, message, field);
    }

    static DomainError required(Object value, String field) {
        boolean missing = value == null || value instanceof String s && s.isBlank();
        return missing ? violation("value-required", field + " is required", field) : null;
    }

    static DomainError slug(String id, String field, String code, String what) {
        return first(() -> required(id, field),
                () -> StreamId.isValid(id) ? null
                        : violation(code, "'" + id + "' is not a valid " + what + ": use " + StreamId.RULE, field));
    }

    static DomainError country(String code, String field) {
        return first(() -> required(code, field),
                () -> Codes.isCountry(code) ? null
                        : violation("invalid-country", "'" + code + "' is not an ISO 3166-1 alpha-2 country code", field));
    }

    static DomainError company(Company company, String field) {
        return first(() -> required(company, field),
                () -> required(company.name(), field + ".name"),
                () -> country(company.country(), field + ".country"));
    }

    static DomainError partners(List<Company> partners, Company investor, String field) {
        DomainError missing = required(partners, field);
        if (missing != null) {
            return missing;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < partners.size(); i++) {
            String at = field + "[" + i + "]";
            DomainError error = company(partners.get(i), at);
            if (error != null) {
                return error;
            }
            String name = partners.get(i).name().trim();
            if (investor != null && investor.name() != null && name.equalsIgnoreCase(investor.name().trim())) {
                return violation("partner-is-investor", name + " is the investor, not a partner", at);
            }
            if (!seen.add(name.toLowerCase())) {
                return violation("duplicate-partner", name + " is listed twice", at);
            }
        }
        return null;
    }

    static DomainError site(Site site, String field) {
        return first(() -> required(site, field),
                () -> site.city() != null && site.city().isBlank()
                        ? violation("invalid-city", "the city is blank: leave it out when the sources do not name it",
                                field + ".city")
                        : null,
                () -> country(site.country(), field + ".country"),
                () -> province(site, field + ".province"));
    }

    private static DomainError province(Site site, String field) {
        if ("CA".equals(site.country())) {
            // null: the sources do not say where in Canada (the seeds often do not)
            return site.province() == null || Codes.isCanadianSubdivision(site.province()) ? null
                    : violation("invalid-province", "'" + site.province()
                            + "' is not an ISO 3166-2:CA province or territory code such as CA-ON", field);
        }
        return site.province() == null ? null
                : violation("invalid-province", "a province is recorded for Canadian sites only", field);
    }

    static DomainError money(Money money, String field) {
        DomainError missing = required(money, field);
        if (missing != null || !(money instanceof Money.Disclosed disclosed)) {
            return missing;
        }
        return first(() -> required(disclosed.currency(), field + ".currency"),
                () -> Codes.isCurrency(disclosed.currency()) ? null
                        : violation("invalid-currency", "'" + disclosed.currency()
                                + "' is not an ISO 4217 code of a currency (XXX, XTS, metals and units of account are not money)", field + ".currency"),
                () -> disclosed.amount().compareTo(BigDecimal.ZERO) > 0 ? null
                        : violation("non-positive-amount", "a disclosed amount must be greater than zero; "
                                + "record an unknown amount as undisclosed", field + ".amount"));
    }

    static DomainError jobs(Integer jobs, String field) {
        return jobs != null && jobs < 0
                ? violation("negative-jobs", "expected jobs cannot be negative; leave them out when unknown", field)
                : null;
    }

    static DomainError negotiationIds(List<String> ids, String field) {
        DomainError missing = required(ids, field);
        if (missing != null) {
            return missing;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String at = field + "[" + i + "]";
            DomainError error = slug(ids.get(i), at, "invalid-negotiation-id", "negotiation id");
            if (error != null) {
                return error;
            }
            if (!seen.add(ids.get(i))) {
                return violation("duplicate-negotiation-id", ids.get(i) + " is listed twice", at);
            }
        }
        return null;
    }

    /** Business date, status and sources, which every fact carries. */
    static DomainError basis(BusinessDate businessDate, FactStatus status, List<Source> sources) {
        return first(() -> required(businessDate, "businessDate"),
                () -> required(status, "status"),
                () -> sources(sources));
    }

    static DomainError sources(List<Source> sources) {
        if (sources == null || sources.isEmpty()) {
            return violation("source-required", "every fact needs at least one source", "sources");
        }
        for (int i = 0; i < sources.size(); i++) {
            String at = "sources[" + i + "]";
            Source source = sources.get(i);
            DomainError error = first(() -> required(source, at),
                    () -> required(source.title(), at + ".title"),
                    () -> required(source.publisher(), at + ".publisher"),
                    () -> url(source.url(), at + ".url"));
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    private static DomainError url(String url, String field) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        return violation("invalid-source-url", "'" + url + "' is not an http(s) URL", field);
    }
}
