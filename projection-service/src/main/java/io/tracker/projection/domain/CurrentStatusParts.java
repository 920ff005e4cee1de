package io.tracker.projection.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a {@link CurrentStatusFold} that the calculator takes in business-date order (date nulls last, then
 * version): per milestone its first title, first completion and latest fact; the instruments; each participant's and
 * focus area's first place (and for a participant the first one with a role). Facts may come in any date order.
 */
final class CurrentStatusParts {
    private static final Comparator<At> ORDER = Comparator.comparing(
                    At::date, Comparator.nullsLast(Comparator.<BusinessDate>naturalOrder()))
            .thenComparingLong(At::version)
            .thenComparingInt(At::index);
    private static final Comparator<Milestone> MILESTONE_ORDER = Comparator.comparing(
                    Milestone::date, Comparator.nullsLast(Comparator.<BusinessDate>naturalOrder()))
            .thenComparingLong(Milestone::streamVersion);

    /** A place in the calculator's order: date, version, place within the event's list. */
    private record At(BusinessDate date, long version, int index) {
        boolean before(At other) {
            return other == null || ORDER.compare(this, other) < 0;
        }
    }

    /** One milestone: never changed in place once copied (a fold's copy shares them). */
    private record Summary(
            MilestoneKind kind, At titleAt, String title, At completion, At latest, EventType type, FactStatus status) {

        Milestone milestone() {
            if (completion != null) {
                return Milestone.of(kind, Milestone.State.REACHED, title, completion.date(), completion.version());
            }
            Milestone.State state = type == EventType.TRADE_MISSION_ANNOUNCED && status == FactStatus.OCCURRED
                    ? Milestone.State.ANNOUNCED
                    : status == FactStatus.PLANNED ? Milestone.State.PLANNED : Milestone.State.ANNOUNCED;
            return Milestone.of(kind, state, title, latest.date(), latest.version());
        }
    }

    /** A participant's first place and who it was, and the first one with a role (null: none yet). */
    private record Named(At first, Participant firstSeen, At roleAt, Participant withRole) {
        Participant participant() {
            return withRole != null ? withRole : firstSeen;
        }
    }

    private final Map<String, Summary> milestones = new HashMap<>();
    private final List<Instrument> instruments = new ArrayList<>();
    private final Map<String, Named> participants = new HashMap<>();
    private final Map<String, At> focusAreas = new HashMap<>();

    CurrentStatusParts copy() {
        CurrentStatusParts copy = new CurrentStatusParts();
        copy.milestones.putAll(milestones);
        copy.instruments.addAll(instruments);
        copy.participants.putAll(participants);
        copy.focusAreas.putAll(focusAreas);
        return copy;
    }

    /** A negotiation fact in force. */
    void fold(EventType type, long version, NegotiationFact fact) {
        At at = new At(fact.date(), version, 0);
        MilestoneKind kind = MilestoneKind.about(type);
        if (kind != null) {
            milestone(kind, type, fact, at);
        }
        if (type == EventType.MOU_SIGNED || type == EventType.AGREEMENT_CONCLUDED) {
            boolean agreement = type == EventType.AGREEMENT_CONCLUDED;
            int i = 0;
            while (i < instruments.size() && ORDER.compare(at(instruments.get(i)), at) < 0) {
                i++;
            }
            instruments.add(
                    i,
                    new Instrument(
                            agreement ? Instrument.Kind.AGREEMENT : Instrument.Kind.MOU,
                            fact.title(),
                            agreement,
                            fact.status(),
                            fact.date(),
                            version,
                            fact.signatories()));
        }
        List<Participant> named = new ArrayList<>(fact.fact().participants());
        named.addAll(fact.signatories());
        for (int i = 0; i < named.size(); i++) {
            Participant p = named.get(i);
            if (p != null && p.name() != null) {
                participant(p, new At(fact.date(), version, i));
            }
        }
        List<String> areas = fact.fact().focusAreas();
        for (int i = 0; i < areas.size(); i++) {
            if (areas.get(i) != null) {
                focusAreas.merge(
                        areas.get(i), new At(fact.date(), version, i), (was, now) -> now.before(was) ? now : was);
            }
        }
    }

    /** The milestones reached (true) or pending (false), in the calculator's order. */
    List<Milestone> milestones(boolean reached) {
        List<Milestone> list = new ArrayList<>();
        for (Summary s : milestones.values()) {
            Milestone m = s.milestone();
            if ((m.state() == Milestone.State.REACHED) == reached) {
                list.add(m);
            }
        }
        list.sort(MILESTONE_ORDER);
        return list;
    }

    List<Instrument> instruments() {
        return instruments;
    }

    List<Participant> participants() {
        return participants.values().stream()
                .sorted(Comparator.comparing(Named::first, ORDER))
                .map(Named::participant)
                .toList();
    }

    List<String> focusAreas() {
        return focusAreas.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(ORDER))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Estimated as {@link CurrentStatusFold#estimatedBytes()} says. */
    long estimatedBytes() {
        long bytes = 0;
        for (Map.Entry<String, Summary> m : milestones.entrySet()) {
            bytes += 320 + chars(m.getKey()) + chars(m.getValue().title());
        }
        for (Instrument i : instruments) {
            bytes += 160 + chars(i.title());
            for (Participant p : i.signatories()) {
                bytes += participantBytes(p);
            }
        }
        for (Map.Entry<String, Named> p : participants.entrySet()) {
            Named n = p.getValue();
            bytes += 120 + chars(p.getKey()) + participantBytes(n.firstSeen());
            bytes += n.withRole() != n.firstSeen() ? participantBytes(n.withRole()) : 0;
        }
        for (String area : focusAreas.keySet()) {
            bytes += 120 + chars(area);
        }
        return bytes;
    }

    static long chars(String s) {
        return s == null ? 0 : 48 + 2L * s.length();
    }

    static long participantBytes(Participant p) {
        return p == null ? 0 : 64 + chars(p.name()) + chars(p.role()) + chars(p.country());
    }

    private static At at(Instrument i) {
        return new At(i.date(), i.streamVersion(), 0);
    }

    /** The calculator's grouping: one per kind, per mission id (or fact) for trade missions, per fact for talks. */
    private void milestone(MilestoneKind kind, EventType type, NegotiationFact fact, At at) {
        String key = kind.name();
        if (kind == MilestoneKind.TRADE_MISSION) {
            key += ":" + (fact.missionId() != null ? fact.missionId() : "v" + at.version());
        } else if (kind == MilestoneKind.TALKS) {
            key += ":v" + at.version();
        }
        Summary m = milestones.get(key);
        boolean titled = fact.title() != null && !fact.title().isBlank();
        if (m == null) {
            m = new Summary(kind, titled ? at : null, titled ? fact.title() : null, null, at, type, fact.status());
        } else if (titled && at.before(m.titleAt())) {
            m = new Summary(kind, at, fact.title(), m.completion(), m.latest(), m.type(), m.status());
        }
        if (kind.completedBy(type) && fact.status() == FactStatus.OCCURRED && at.before(m.completion())) {
            m = new Summary(kind, m.titleAt(), m.title(), at, m.latest(), m.type(), m.status());
        }
        if (m.latest().before(at)) {
            m = new Summary(kind, m.titleAt(), m.title(), m.completion(), at, type, fact.status());
        }
        milestones.put(key, m);
    }

    /** First seen first; the first one with a role stands for the name once one has a role. */
    private void participant(Participant p, At at) {
        String key = p.name().trim().toLowerCase() + "|" + p.country();
        Named known = participants.get(key);
        boolean role = p.role() != null;
        if (known == null) {
            participants.put(key, new Named(at, p, role ? at : null, role ? p : null));
            return;
        }
        boolean first = at.before(known.first());
        boolean firstRole = role && at.before(known.roleAt());
        if (first || firstRole) {
            participants.put(
                    key,
                    new Named(
                            first ? at : known.first(),
                            first ? p : known.firstSeen(),
                            firstRole ? at : known.roleAt(),
                            firstRole ? p : known.withRole()));
        }
    }
}
