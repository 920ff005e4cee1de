package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who appears where, as of a question: each person named by an agreement's events in force (participants and
 * signatories), once per name and country, with the roles given and every appearance (agreement, event, date).
 */
public final class ParticipantIndex {
    private ParticipantIndex() {}

    public record Appearance(
            String agreementId, long streamVersion, String type, String label, BusinessDate date, String role) {}

    public record Person(
            String name, String country, List<String> roles, List<String> agreements, List<Appearance> appearances) {
        public Person {
            roles = Lists.copy(roles);
            agreements = Lists.copy(agreements);
            appearances = Lists.copy(appearances);
        }
    }

    /** {@code name}: a case-insensitive part of the name, or null; {@code country}: ISO 3166-1 alpha-2, or null. */
    public static List<Person> of(
            Map<String, List<RecordedEvent>> negotiations, AsOf asOf, String name, String country) {
        Map<String, List<Appearance>> byPerson = new LinkedHashMap<>();
        Map<String, Participant> first = new LinkedHashMap<>();
        negotiations.forEach((agreementId, events) -> {
            for (EffectiveEvent e : StreamHistory.of(events, asOf).inForce(asOf)) {
                if (!(e.current() instanceof NegotiationFact fact)) {
                    continue;
                }
                List<Participant> named = new ArrayList<>(fact.fact().participants());
                named.addAll(fact.signatories());
                Set<String> seenHere = new LinkedHashSet<>();
                for (Participant p : named) {
                    if (p == null || p.name() == null || p.name().isBlank()) {
                        continue;
                    }
                    String key = p.name().trim().toLowerCase(Locale.ROOT) + "|" + p.country();
                    if (!seenHere.add(key)) {
                        continue;
                    }
                    first.putIfAbsent(key, p);
                    byPerson.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Appearance(
                                    agreementId,
                                    e.version(),
                                    e.type().typeName(),
                                    e.type().label(),
                                    e.date(),
                                    p.role()));
                }
            }
        });
        List<Person> people = new ArrayList<>();
        byPerson.forEach((key, appearances) -> {
            Participant p = first.get(key);
            if (name != null && !p.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
            if (country != null && !country.equalsIgnoreCase(p.country())) {
                return;
            }
            LinkedHashSet<String> roles = new LinkedHashSet<>();
            LinkedHashSet<String> agreements = new LinkedHashSet<>();
            for (Appearance a : appearances) {
                if (a.role() != null) {
                    roles.add(a.role());
                }
                agreements.add(a.agreementId());
            }
            people.add(
                    new Person(p.name().trim(), p.country(), List.copyOf(roles), List.copyOf(agreements), appearances));
        });
        people.sort(Comparator.comparing((Person p) -> p.name().toLowerCase(Locale.ROOT))
                .thenComparing(p -> String.valueOf(p.country())));
        return people;
    }
}
