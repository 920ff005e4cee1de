package io.tracker.negotiation.domain;

import static io.tracker.core.domain.Rules.isWebAddress;
import static io.tracker.core.domain.Rules.present;
import static io.tracker.core.domain.Rules.required;
import static io.tracker.core.domain.Rules.violation;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Codes;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Rules;
import io.tracker.core.domain.Source;
import io.tracker.core.domain.StreamId;

/**
 * Validation of the values a command carries. Each method returns the first violation (kind RULE_VIOLATED,
 * with the field at fault, e.g. {@code participants[0].country}) or null.
 */
final class FactRules {
    private FactRules() {}

    static DomainError slug(String value, String field, String code) {
        return StreamId.isValid(value)
                ? null
                : violation(code, field + " must be " + StreamId.RULE + " (e.g. ca-kr-industrial-cooperation)", field);
    }

    static DomainError country(String code, String field) {
        return Codes.isCountry(code)
                ? null
                : violation(
                        "invalid-country-code",
                        "'" + code + "' is not an ISO 3166-1 alpha-2 country code " + "(e.g. CA, KR)",
                        field);
    }

    /** At least two distinct parties, each a country code. */
    static DomainError parties(List<String> parties) {
        return Rules.none()
                .each(parties, "parties", (party, at, i) -> Rules.check(() -> country(party, at))
                        .and(() -> parties.subList(0, i).contains(party)
                                ? violation("duplicate-party", party + " is listed twice", at)
                                : null)
                        .firstViolation())
                .and(() -> parties.size() < 2
                        ? violation("parties-required", "a negotiation has at least two parties", "parties")
                        : null)
                .firstViolation();
    }

    /** The details every fact carries; {@code prefix} is prepended to field names (e.g. "corrected."). */
    static DomainError fact(Fact fact, String prefix, LocalDate recordedOn) {
        if (fact == null) {
            return violation(
                    "value-required",
                    "the fact's details are required",
                    prefix.isEmpty() ? "fact" : prefix.substring(0, prefix.length() - 1));
        }
        return Rules.check(() -> present(recordedOn, "recordedOn"))
                .and(() -> present(fact.date(), prefix + "date"))
                .and(() -> present(fact.status(), prefix + "status"))
                .and(() -> participants(fact.participants(), prefix + "participants"))
                .and(() -> fact.place() == null ? null : place(fact.place(), prefix + "place"))
                .and(() -> focusAreas(fact.focusAreas(), prefix + "focusAreas"))
                .and(() -> sources(fact.sources(), prefix + "sources", true))
                .and(() -> fact.status() == FactStatus.OCCURRED
                        ? notAfter(fact.date(), recordedOn, prefix + "date")
                        : null)
                .firstViolation();
    }

    /** Rules that depend on the kind of fact, for recording and for correcting alike. */
    static DomainError forKind(NegotiationEvent.Kind kind, Fact fact, List<String> parties, String prefix) {
        return switch (kind) {
            case LEADERS_MET ->
                onePerParty(
                        fact.participants(),
                        parties,
                        prefix + "participants",
                        "participant-per-party-required",
                        "a leaders' meeting names a participant of every party");
            case TALKS_HELD ->
                fact.participants().isEmpty()
                        ? violation(
                                "participants-required", "talks name at least one participant", prefix + "participants")
                        : null;
            case TRADE_MISSION_COMPLETED ->
                fact.status() != FactStatus.OCCURRED
                        ? violation(
                                "completion-must-have-occurred",
                                "a completed trade mission has status OCCURRED",
                                prefix + "status")
                        : null;
            case NEGOTIATION_OPENED,
                    MOU_SIGNED,
                    COMMITTEE_FORMED,
                    FORUM_ESTABLISHED,
                    TRADE_MISSION_ANNOUNCED,
                    AGREEMENT_CONCLUDED,
                    NEGOTIATION_STALLED,
                    NEGOTIATION_RESUMED,
                    NEGOTIATION_TERMINATED,
                    FACT_CORRECTED,
                    FACT_RETRACTED,
                    INDICATOR_RECORDED,
                    INDICATOR_CORRECTED,
                    INDICATOR_RETRACTED,
                    CLAIM_RECORDED,
                    CLAIM_RETRACTED -> null;
        };
    }

    static DomainError participants(List<Participant> participants, String field) {
        return Rules.none()
                .each(participants, field, (participant, at, i) -> Rules.check(() -> present(participant, at))
                        .and(() -> required(participant.name(), at + ".name"))
                        .and(() -> required(participant.role(), at + ".role"))
                        .and(() -> country(participant.country(), at + ".country"))
                        .firstViolation())
                .firstViolation();
    }

    /** Every party (country) has at least one person in {@code people}. */
    static DomainError onePerParty(
            List<Participant> people, List<String> parties, String field, String code, String message) {
        Set<String> countries = new HashSet<>();
        people.forEach(p -> countries.add(p.country()));
        List<String> missing =
                parties.stream().filter(party -> !countries.contains(party)).toList();
        return missing.isEmpty() ? null : violation(code, message + "; none for " + String.join(", ", missing), field);
    }

    static DomainError place(Place place, String field) {
        return Rules.check(() -> place.city() != null && place.city().isBlank()
                        ? violation(
                                "value-required", field + ".city is blank: leave it out when unknown", field + ".city")
                        : null)
                .and(() -> country(place.country(), field + ".country"))
                .firstViolation();
    }

    static DomainError focusAreas(List<FocusArea> areas, String field) {
        return Rules.none()
                .each(areas, field, (area, at, i) -> Rules.check(() -> present(area, at))
                        .and(() -> areas.subList(0, i).contains(area)
                                ? violation("duplicate-focus-area", area + " is listed twice", at)
                                : null)
                        .firstViolation())
                .firstViolation();
    }

    static DomainError sources(List<Source> sources, String field, boolean atLeastOne) {
        if (atLeastOne && sources.isEmpty()) {
            return violation("sources-required", "cite at least one source", field);
        }
        return Rules.none()
                .each(sources, field, (source, at, i) -> Rules.check(() -> present(source, at))
                        .and(() -> required(source.title(), at + ".title"))
                        .and(() -> required(source.publisher(), at + ".publisher"))
                        .and(() -> source.url() == null || isWebAddress(source.url())
                                ? null
                                : violation(
                                        "invalid-source-url",
                                        "a source url is an absolute http(s) address",
                                        at + ".url"))
                        .firstViolation())
                .firstViolation();
    }

    /** Something that OCCURRED must have begun by the day it is recorded. */
    static DomainError notAfter(BusinessDate date, LocalDate recordedOn, String field) {
        return date.startedBy(recordedOn)
                ? null
                : violation(
                        "occurred-date-in-future",
                        "'" + date.text() + "' starts after " + recordedOn
                                + ", the day this is recorded: something that occurred cannot lie in the future; "
                                + "record it as ANNOUNCED or PLANNED",
                        field);
    }
}
