package io.tracker.negotiation.domain;

import static io.tracker.negotiation.domain.Checks.violation;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Codes;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;
import io.tracker.core.domain.StreamId;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validation of the values a command carries. Each method returns the first violation (kind RULE_VIOLATED,
 * with the field at fault, e.g. {@code participants[0].country}) or null.
 */
final class FactRules {
    private FactRules() {
    }

    static DomainError text(String value, String field) {
        return value == null || value.isBlank() ? violation("value-required", field + " is required", field) : null;
    }

    static DomainError present(Object value, String field) {
        return value == null ? violation("value-required", field + " is required", field) : null;
    }

    static DomainError slug(String value, String field, String code) {
        return StreamId.isValid(value) ? null
                : violation(code, field + " must be " + StreamId.RULE + " (e.g. ca-kr-industrial-cooperation)", field);
    }

    static DomainError country(String code, String field) {
        return Codes.isCountry(code) ? null
                : violation("invalid-country-code", "'" + code + "' is not an ISO 3166-1 alpha-2 country code "
                        + "(e.g. CA, KR)", field);
    }

    /** At least two distinct parties, each a country code. */
    static DomainError parties(List<String> parties) {
        Checks checks = Checks.check(() -> null);
        for (int i = 0; i < parties.size(); i++) {
            String field = "parties[" + i + "]";
            String party = parties.get(i);
            boolean repeated = parties.subList(0, i).contains(party);
            checks.and(() -> country(party, field))
                    .and(() -> repeated ? violation("duplicate-party", party + " is listed twice", field) : null);
        }
        return checks.and(() -> parties.size() < 2
                ? violation("parties-required", "a negotiation has at least two parties", "parties") : null)
                .firstViolation();
    }

    /** The details every fact carries; {@code prefix} is prepended to field names (e.g. "corrected."). */
    static DomainError fact(Fact fact, String prefix, LocalDate recordedOn) {
        if (fact == null) {
            return violation("value-required", "the fact's details are required",
                    prefix.isEmpty() ? "fact" : prefix.substring(0, prefix.length() - 1));
        }
        return Checks.check(() -> present(recordedOn, "recordedOn"))
                .and(() -> present(fact.date(), prefix + "date"))
                .and(() -> present(fact.status(), prefix + "status"))
                .and(() -> participants(fact.participants(), prefix + "participants"))
                .and(() -> fact.place() == null ? null : place(fact.place(), prefix + "place"))
                .and(() -> focusAreas(fact.focusAreas(), prefix + "focusAreas"))
                .and(() -> sources(fact.sources(), prefix + "sources", true))
                .and(() -> fact.status() == FactStatus.OCCURRED ? notAfter(fact.date(), recordedOn, prefix + "date")
                        : null)
                .firstViolation();
    }

    /** Rules that depend on the kind of fact, for recording and for correcting alike. */
    static DomainError forKind(NegotiationEvent.Kind kind, Fact fact, List<String> parties, String prefix) {
        return switch (kind) {
            case LEADERS_MET -> onePerParty(fact.participants(), parties, prefix + "participants",
                    "participant-per-party-required", "a leaders' meeting names a participant of every party");
            case TALKS_HELD -> fact.participants().isEmpty()
                    ? violation("participants-required", "talks name at least one participant",
                            prefix + "participants")
                    : null;
            case TRADE_MISSION_COMPLETED -> fact.status() != FactStatus.OCCURRED
                    ? violation("completion-must-have-occurred", "a completed trade mission has status OCCURRED",
                            prefix + "status")
                    : null;
            case NEGOTIATION_OPENED, MOU_SIGNED, COMMITTEE_FORMED, FORUM_ESTABLISHED, TRADE_MISSION_ANNOUNCED,
                    AGREEMENT_CONCLUDED, NEGOTIATION_STALLED, NEGOTIATION_RESUMED, NEGOTIATION_TERMINATED,
                    FACT_CORRECTED, FACT_RETRACTED, INDICATOR_RECORDED, INDICATOR_CORRECTED,
                    INDICATOR_RETRACTED, CLAIM_RECORDED, CLAIM_RETRACTED -> null;
        };
    }

    static DomainError participants(List<Participant> participants, String field) {
        Checks checks = Checks.check(() -> null);
        for (int i = 0; i < participants.size(); i++) {
            Participant participant = participants.get(i);
            String at = field + "[" + i + "]";
            checks.and(() -> present(participant, at))
                    .and(() -> text(participant.name(), at + ".name"))
                    .and(() -> text(participant.role(), at + ".role"))
                    .and(() -> country(participant.country(), at + ".country"));
        }
        return checks.firstViolation();
    }

    /** Every party (country) has at least one person in {@code people}. */
    static DomainError onePerParty(List<Participant> people, List<String> parties, String field, String code,
            String message) {
        Set<String> countries = new HashSet<>();
        people.forEach(p -> countries.add(p.country()));
        List<String> missing = parties.stream().filter(party -> !countries.contains(party)).toList();
        return missing.isEmpty() ? null : violation(code, message + "; none for " + String.join(", ", missing), field);
    }

    static DomainError place(Place place, String field) {
        return Checks.check(() -> place.city() != null && place.city().isBlank()
                        ? violation("value-required", field + ".city is blank: leave it out when unknown",
                                field + ".city")
                        : null)
                .and(() -> country(place.country(), field + ".country"))
                .firstViolation();
    }

    static DomainError focusAreas(List<FocusArea> areas, String field) {
        Checks checks = Checks.check(() -> null);
        for (int i = 0; i < areas.size(); i++) {
            FocusArea area = areas.get(i);
            String at = field + "[" + i + "]";
            boolean repeated = areas.subList(0, i).contains(area);
            checks.and(() -> present(area, at))
                    .and(() -> repeated ? violation("duplicate-focus-area", area + " is listed twice", at) : null);
        }
        return checks.firstViolation();
    }

    static DomainError sources(List<Source> sources, String field, boolean atLeastOne) {
        if (atLeastOne && sources.isEmpty()) {
            return violation("sources-required", "cite at least one source", field);
        }
        Checks checks = Checks.check(() -> null);
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            String at = field + "[" + i + "]";
            checks.and(() -> present(source, at))
                    .and(() -> text(source.title(), at + ".title"))
                    .and(() -> text(source.publisher(), at + ".publisher"))
                    .and(() -> source.url() == null || isWebAddress(source.url()) ? null
                            : violation("invalid-source-url", "a source url is an absolute http(s) address",
                                    at + ".url"));
        }
        return checks.firstViolation();
    }

    /** Something that OCCURRED must have begun by the day it is recorded. */
    static DomainError notAfter(BusinessDate date, LocalDate recordedOn, String field) {
        return date.startedBy(recordedOn) ? null
                : violation("occurred-date-in-future", "'" + date.text() + "' starts after " + recordedOn
                        + ", the day this is recorded: something that occurred cannot lie in the future; "
                        + "record it as ANNOUNCED or PLANNED", field);
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
