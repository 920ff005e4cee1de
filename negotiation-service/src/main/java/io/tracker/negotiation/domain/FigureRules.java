package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.isWebAddress;
import static io.tracker.core.domain.Rules.present;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.time.LocalDate;
import java.util.List;

import io.tracker.core.domain.Codes;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.Rules;

/**
 * Validation of indicators, claims and their sources. Each method returns the first violation (kind
 * RULE_VIOLATED, naming the field, e.g. {@code indicator.currency}) or null.
 */
final class FigureRules {
    private FigureRules() {}

    /** @param path where the indicator sits in the request ({@code indicator}, {@code corrected}) */
    static DomainError indicator(Indicator i, String path, LocalDate recordedOn) {
        if (i == null) {
            return violation("value-required", path + " is required", path);
        }
        boolean money = Indicator.MONEY.equals(i.unit());
        return Rules.check(() -> present(recordedOn, "recordedOn"))
                .and(() -> required(i.name(), path + ".name"))
                .and(() -> present(i.value(), path + ".value"))
                .and(() -> present(i.qualifier(), path + ".qualifier"))
                .and(() -> required(i.unit(), path + ".unit"))
                .and(() -> money && i.currency() == null
                        ? violation(
                                "currency-required",
                                "an amount of money (unit \"money\") names its currency",
                                path + ".currency")
                        : null)
                .and(() -> !money && i.currency() != null
                        ? violation(
                                "currency-not-applicable",
                                "only an amount of money (unit \"money\") has a " + "currency; leave it out for unit \""
                                        + i.unit() + "\"",
                                path + ".currency")
                        : null)
                .and(() -> i.currency() == null || Codes.isCurrency(i.currency())
                        ? null
                        : violation(
                                "invalid-currency",
                                "'" + i.currency() + "' is not an ISO 4217 currency of " + "money (e.g. CAD, KRW, USD)",
                                path + ".currency"))
                .and(() -> present(i.period(), path + ".period"))
                .and(() -> i.period().startedBy(recordedOn)
                        ? null
                        : violation(
                                "period-in-future",
                                "'" + i.period().text() + "' starts after " + recordedOn
                                        + ": an indicator states a figure of a period that has begun",
                                path + ".period"))
                .and(() -> required(i.scope(), path + ".scope"))
                .and(() -> sources(i.sources(), path + ".sources"))
                .firstViolation();
    }

    static DomainError claim(Claim c, LocalDate recordedOn) {
        if (c == null) {
            return violation("value-required", "claim is required", "claim");
        }
        return Rules.check(() -> present(recordedOn, "recordedOn"))
                .and(() -> required(c.statement(), "claim.statement"))
                .and(() -> present(c.source(), "claim.source"))
                .and(() -> source(c.source(), "claim.source"))
                .and(() -> c.madeOn() == null || c.madeOn().startedBy(recordedOn)
                        ? null
                        : violation(
                                "occurred-date-in-future",
                                "'" + c.madeOn().text() + "' starts after " + recordedOn
                                        + ": a claim is recorded once it was made",
                                "claim.madeOn"))
                .firstViolation();
    }

    static DomainError sources(List<CitedSource> sources, String field) {
        if (sources.isEmpty()) {
            return violation("sources-required", "cite at least one source", field);
        }
        return Rules.none()
                .each(sources, field, (source, at, i) -> Rules.check(() -> present(source, at))
                        .and(() -> source(source, at))
                        .firstViolation())
                .firstViolation();
    }

    /** A publisher may be left out (not stated) but is never blank. */
    static DomainError source(CitedSource s, String at) {
        return Rules.check(() -> required(s.title(), at + ".title"))
                .and(() -> s.publisher() != null && s.publisher().isBlank()
                        ? violation(
                                "value-required",
                                at + ".publisher is blank: leave it out when the source " + "names none",
                                at + ".publisher")
                        : null)
                .and(() -> present(s.kind(), at + ".kind"))
                .and(() -> s.url() == null || isWebAddress(s.url())
                        ? null
                        : violation("invalid-source-url", "a source url is an absolute http(s) address", at + ".url"))
                .firstViolation();
    }
}
