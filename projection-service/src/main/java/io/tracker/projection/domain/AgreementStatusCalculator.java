package io.tracker.projection.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes an {@link AgreementStatus} from the events of one negotiation stream, as of a question. */
public final class AgreementStatusCalculator {
    private static final Comparator<EffectiveEvent> BY_DATE = Comparator.comparing(
                    EffectiveEvent::date, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(EffectiveEvent::version);

    private AgreementStatusCalculator() {}

    /** Empty when no event of the stream had been recorded by {@code asOf.knownAt()}. */
    public static Optional<AgreementStatus> status(String agreementId, List<RecordedEvent> events, AsOf asOf) {
        List<RecordedEvent> known = events.stream().filter(asOf::knows).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Instant lastRecordedAt = known.stream()
                .map(RecordedEvent::recordedAt)
                .max(Comparator.naturalOrder())
                .orElse(null);
        long lastVersion =
                known.stream().mapToLong(RecordedEvent::version).max().orElse(0);
        return Optional.of(status(
                agreementId,
                StreamHistory.of(known, asOf),
                asOf,
                new AgreementStatus.Basis(known.size(), lastVersion, lastRecordedAt)));
    }

    /**
     * The status from a stream's history already folded (as {@link AgreementState} keeps it), resting on
     * {@code basis}.
     */
    public static AgreementStatus status(
            String agreementId, StreamHistory history, AsOf asOf, AgreementStatus.Basis basis) {
        List<EffectiveEvent> inForce =
                history.inForce(asOf).stream().sorted(BY_DATE).toList();

        NegotiationFact opening = history.all().stream()
                .filter(e -> e.inForce() && e.type() == EventType.NEGOTIATION_OPENED)
                .map(e -> (NegotiationFact) e.current())
                .findFirst()
                .orElse(null);

        boolean underMou = inForce.stream()
                .anyMatch(e -> e.occurred()
                        && (e.type() == EventType.MOU_SIGNED || e.type() == EventType.AGREEMENT_CONCLUDED));
        boolean certainlyUnderMou = inForce.stream()
                .anyMatch(e -> e.occurred()
                        && certain(e, asOf)
                        && (e.type() == EventType.MOU_SIGNED || e.type() == EventType.AGREEMENT_CONCLUDED));
        Stage progress = opening != null ? Stage.OPENED : null;
        Stage possible = progress;
        for (EffectiveEvent e : inForce) {
            if (e.type().category() != EventType.Category.FACT || !e.occurred()) {
                continue;
            }
            Stage reached = Stage.reachedBy(e.type(), underMou);
            if (reached != null && (possible == null || reached.compareTo(possible) > 0)) {
                possible = reached;
            }
            Stage certainly = certain(e, asOf) ? Stage.reachedBy(e.type(), certainlyUnderMou) : null;
            if (certainly != null && (progress == null || certainly.compareTo(progress) > 0)) {
                progress = certainly;
            }
        }
        Stage possibleProgress = possible != progress ? possible : null;

        BusinessDate stalledSince = null;
        boolean terminated = false;
        for (EffectiveEvent e : inForce.stream()
                .sorted(Comparator.comparingLong(EffectiveEvent::version))
                .toList()) {
            if (e.type() == EventType.NEGOTIATION_STALLED) {
                stalledSince = e.date();
            } else if (e.type() == EventType.NEGOTIATION_RESUMED) {
                stalledSince = null;
            } else if (e.type() == EventType.NEGOTIATION_TERMINATED) {
                terminated = true;
            }
        }
        Stage stage = terminated ? Stage.TERMINATED : stalledSince != null ? Stage.STALLED : progress;

        Milestones milestones = milestones(inForce, asOf);
        List<Instrument> instruments = instruments(inForce);
        boolean binding = inForce.stream()
                .anyMatch(e -> e.type() == EventType.AGREEMENT_CONCLUDED && e.occurred() && certain(e, asOf));

        return new AgreementStatus(
                agreementId,
                opening == null ? null : opening.title(),
                opening == null ? List.of() : opening.parties(),
                stage,
                progress,
                possibleProgress,
                stalledSince,
                milestones.reached.isEmpty() ? null : milestones.reached.get(milestones.reached.size() - 1),
                milestones.reached,
                milestones.possiblyReached,
                milestones.pending,
                binding,
                instruments,
                participants(inForce),
                focusAreas(inForce),
                asOf,
                basis);
    }

    private record Milestones(List<Milestone> reached, List<Milestone> possiblyReached, List<Milestone> pending) {}

    /**
     * Whether the fact certainly happened by the question's business date: no date asked, or its whole interval
     * ended by then. Otherwise it had begun (it is in force as of the question) and possibly happened.
     */
    static boolean certain(EffectiveEvent e, AsOf asOf) {
        return asOf.businessDate() == null
                || e.date() == null
                || !e.date().latest().isAfter(asOf.businessDate());
    }

    /**
     * One milestone per kind, one per mission id for trade missions and one per meeting for talks; facts taken in
     * business-date order.
     */
    private static Milestones milestones(List<EffectiveEvent> inForce, AsOf asOf) {
        Map<String, List<EffectiveEvent>> byKey = new LinkedHashMap<>();
        for (EffectiveEvent e : inForce) {
            MilestoneKind kind = MilestoneKind.about(e.type());
            if (kind == null) {
                continue;
            }
            String key = kind.name();
            if (kind == MilestoneKind.TRADE_MISSION) {
                String missionId = ((NegotiationFact) e.current()).missionId();
                key += ":" + (missionId != null ? missionId : "v" + e.version());
            } else if (kind == MilestoneKind.TALKS) {
                key += ":v" + e.version();
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<Milestone> reached = new ArrayList<>();
        List<Milestone> possiblyReached = new ArrayList<>();
        List<Milestone> pending = new ArrayList<>();
        for (List<EffectiveEvent> facts : byKey.values()) {
            MilestoneKind kind = MilestoneKind.about(facts.get(0).type());
            String title = facts.stream()
                    .map(e -> ((NegotiationFact) e.current()).title())
                    .filter(t -> t != null && !t.isBlank())
                    .findFirst()
                    .orElse(null);
            List<EffectiveEvent> completions = facts.stream()
                    .filter(e -> kind.completedBy(e.type()) && e.occurred())
                    .toList();
            Optional<EffectiveEvent> completion =
                    completions.stream().filter(e -> certain(e, asOf)).findFirst();
            if (completion.isPresent()) {
                EffectiveEvent e = completion.get();
                reached.add(Milestone.of(kind, Milestone.State.REACHED, title, e.date(), e.version()));
                continue;
            }
            if (!completions.isEmpty()) {
                EffectiveEvent e = completions.get(0);
                possiblyReached.add(Milestone.of(kind, Milestone.State.POSSIBLY_REACHED, title, e.date(), e.version()));
                continue;
            }
            EffectiveEvent latest = facts.get(facts.size() - 1);
            Milestone.State state = pendingState(latest);
            pending.add(Milestone.of(kind, state, title, latest.date(), latest.version()));
        }
        Comparator<Milestone> order = Comparator.comparing(
                        Milestone::date, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Milestone::streamVersion);
        reached.sort(order);
        possiblyReached.sort(order);
        pending.sort(order);
        return new Milestones(reached, possiblyReached, pending);
    }

    /** An announcement that occurred (a mission's) or an ANNOUNCED fact: announced; otherwise planned. */
    private static Milestone.State pendingState(EffectiveEvent latest) {
        if (latest.type() == EventType.TRADE_MISSION_ANNOUNCED && latest.occurred()) {
            return Milestone.State.ANNOUNCED;
        }
        return latest.status() == FactStatus.PLANNED ? Milestone.State.PLANNED : Milestone.State.ANNOUNCED;
    }

    private static List<Instrument> instruments(List<EffectiveEvent> inForce) {
        List<Instrument> instruments = new ArrayList<>();
        for (EffectiveEvent e : inForce) {
            if (e.type() != EventType.MOU_SIGNED && e.type() != EventType.AGREEMENT_CONCLUDED) {
                continue;
            }
            NegotiationFact fact = (NegotiationFact) e.current();
            boolean agreement = e.type() == EventType.AGREEMENT_CONCLUDED;
            instruments.add(new Instrument(
                    agreement ? Instrument.Kind.AGREEMENT : Instrument.Kind.MOU,
                    fact.title(),
                    agreement,
                    e.status(),
                    e.date(),
                    e.version(),
                    fact.signatories()));
        }
        return instruments;
    }

    /** Everyone named by a fact in force (signatories included), once per name and country, first seen first. */
    private static List<Participant> participants(List<EffectiveEvent> inForce) {
        Map<String, Participant> byName = new LinkedHashMap<>();
        for (EffectiveEvent e : inForce) {
            if (!(e.current() instanceof NegotiationFact fact)) {
                continue;
            }
            List<Participant> named = new ArrayList<>(fact.fact().participants());
            named.addAll(fact.signatories());
            for (Participant p : named) {
                if (p == null || p.name() == null) {
                    continue;
                }
                String key = p.name().trim().toLowerCase() + "|" + p.country();
                Participant known = byName.get(key);
                if (known == null || (known.role() == null && p.role() != null)) {
                    byName.put(key, p);
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<String> focusAreas(List<EffectiveEvent> inForce) {
        LinkedHashSet<String> areas = new LinkedHashSet<>();
        for (EffectiveEvent e : inForce) {
            if (e.current() instanceof NegotiationFact fact) {
                fact.fact().focusAreas().stream().filter(a -> a != null).forEach(areas::add);
            }
        }
        return List.copyOf(areas);
    }
}
