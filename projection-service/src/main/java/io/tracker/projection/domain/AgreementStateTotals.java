package io.tracker.projection.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.tracker.projection.domain.AgreementStateHead.Group;
import io.tracker.projection.domain.AgreementStateHead.Opening;
import io.tracker.projection.domain.AgreementStateHead.Reached;
import io.tracker.projection.domain.AgreementStateHead.StatusMark;

/**
 * The counts and bests of an {@link AgreementState}'s head, and the list row they give: a new fact adds to them, an
 * amendment takes its target's old values away and adds the new ones; what cannot be known without the stream's other
 * entries (the next best after the one that decided was taken away) is noted in {@link #needs} and
 * {@link #resolve}d from the store's answers. Mutable.
 */
final class AgreementStateTotals {
    private static final List<MilestoneKind> SINGLE = List.of(
            MilestoneKind.LEADERS_MEETING,
            MilestoneKind.MOU,
            MilestoneKind.COMMITTEE,
            MilestoneKind.FORUM,
            MilestoneKind.AGREEMENT);

    private EnumMap<EventType, Integer> occurred = new EnumMap<>(EventType.class);
    private int terminated;
    private Opening opening;
    private StatusMark mark;
    private EnumMap<MilestoneKind, Group> groups = new EnumMap<>(MilestoneKind.class);
    private int pendingTalks;
    private Reached bestTalk;
    private int pendingMissions;
    private Reached bestMission;
    private final EnumSet<AgreementStateBest> needs = EnumSet.noneOf(AgreementStateBest.class);

    static AgreementStateTotals of(AgreementStateHead h) {
        AgreementStateTotals t = new AgreementStateTotals();
        t.occurred.putAll(h.occurred());
        t.terminated = h.terminated();
        t.opening = h.opening();
        t.mark = h.mark();
        t.groups.putAll(h.groups());
        t.pendingTalks = h.pendingTalks();
        t.bestTalk = h.bestTalk();
        t.pendingMissions = h.pendingMissions();
        t.bestMission = h.bestMission();
        return t;
    }

    AgreementStateHead head(
            int events, long lastVersion, Instant lastRecordedAt, List<AgreementState.Pending> pending) {
        return new AgreementStateHead(
                events,
                lastVersion,
                lastRecordedAt,
                occurred,
                terminated,
                opening,
                mark,
                groups,
                pendingTalks,
                bestTalk,
                pendingMissions,
                bestMission,
                pending);
    }

    /** The next bests to look up (the fold clears it). */
    EnumSet<AgreementStateBest> needs() {
        return needs;
    }

    /**
     * Takes an amended fact's contribution away and adds its new one. When what it took away decided something (the
     * opening, the latest stall or resumption, a milestone's first completion, the best talks or trade mission), its
     * next best is looked up in the entries: {@link #needs}.
     */
    void change(
            AgreementStateEntry before,
            AgreementStateEntry after,
            Map<Long, AgreementStateEntry> stored,
            Map<Long, AgreementStateEntry> touched) {
        if (before.retracted()) {
            return; // contributed nothing, and an amendment cannot bring it back
        }
        EventType type = before.type();
        if (type.category() == EventType.Category.FACT && before.occurred()) {
            occurred.computeIfPresent(type, (k, n) -> n > 1 ? n - 1 : null);
        }
        switch (type) {
            case NEGOTIATION_OPENED -> {
                if (after.retracted() && opening != null && opening.version() == before.version()) {
                    needs.add(AgreementStateBest.OPENING);
                }
            }
            case NEGOTIATION_STALLED, NEGOTIATION_RESUMED -> {
                if (mark != null && mark.version() == before.version()) {
                    needs.add(AgreementStateBest.MARK);
                }
            }
            case NEGOTIATION_TERMINATED -> terminated--;
            default -> {}
        }
        MilestoneKind kind = MilestoneKind.about(type);
        if (kind == MilestoneKind.TALKS) {
            if (!before.occurred()) {
                pendingTalks--;
            } else if (bestTalk != null && bestTalk.version() == before.version()) {
                needs.add(AgreementStateBest.TALKS);
            }
        } else if (kind == MilestoneKind.TRADE_MISSION) {
            if (!mission(before, after.retracted() ? null : after, stored, touched)) {
                needs.add(AgreementStateBest.TRADE_MISSIONS);
            }
        } else if (kind != null) {
            Group g = groups.get(kind);
            if (before.occurred() && g.reached() != null && g.reached().version() == before.version()) {
                needs.add(AgreementStateBest.of(kind));
            }
            if (g.inForce() > 1) {
                groups.put(kind, new Group(g.inForce() - 1, g.reached()));
            } else {
                groups.remove(kind); // as if it never had a fact: the head has one form per history
            }
        }
        if (!after.retracted()) {
            countAndMark(after);
            if (kind != null && kind != MilestoneKind.TRADE_MISSION) {
                addMilestoneFact(kind, after);
            }
        }
    }

    /** Adds a new fact (or status change) to the head's counts and bests. */
    void add(AgreementStateEntry f, Map<Long, AgreementStateEntry> stored, Map<Long, AgreementStateEntry> touched) {
        if (f.retracted()) {
            return;
        }
        countAndMark(f);
        MilestoneKind kind = MilestoneKind.about(f.type());
        if (kind == MilestoneKind.TRADE_MISSION) {
            if (!mission(null, f, stored, touched)) {
                needs.add(AgreementStateBest.TRADE_MISSIONS);
            }
        } else if (kind != null) {
            addMilestoneFact(kind, f);
        }
    }

    private void countAndMark(AgreementStateEntry f) {
        if (f.type().category() == EventType.Category.FACT && f.occurred()) {
            occurred.merge(f.type(), 1, Integer::sum);
        }
        switch (f.type()) {
            case NEGOTIATION_OPENED -> {
                if (opening == null || f.version() < opening.version()) {
                    opening = new Opening(f.version(), f.title(), f.parties());
                }
            }
            case NEGOTIATION_STALLED, NEGOTIATION_RESUMED -> {
                if (mark == null || f.version() > mark.version()) {
                    mark = new StatusMark(f.version(), f.type(), f.date());
                }
            }
            case NEGOTIATION_TERMINATED -> terminated++;
            default -> {}
        }
    }

    private void addMilestoneFact(MilestoneKind kind, AgreementStateEntry f) {
        if (kind == MilestoneKind.TALKS) { // one milestone per meeting
            if (f.occurred()) {
                bestTalk = Reached.max(bestTalk, new Reached(kind, null, f.date(), f.version(), f.milestoneTitle()));
            } else {
                pendingTalks++;
            }
            return;
        }
        Group g = groups.getOrDefault(kind, new Group(0, null));
        Reached reached = f.occurred()
                ? Reached.min(g.reached(), new Reached(kind, null, f.date(), f.version(), null))
                : g.reached();
        groups.put(kind, new Group(g.inForce() + 1, reached));
    }

    /**
     * A trade mission's fact added ({@code before} null), amended or retracted ({@code after} null): the mission's
     * pending count and best completion follow. False when the best mission's completion moved (the next best is
     * looked up).
     */
    private boolean mission(
            AgreementStateEntry before,
            AgreementStateEntry after,
            Map<Long, AgreementStateEntry> stored,
            Map<Long, AgreementStateEntry> touched) {
        AgreementStateEntry f = before != null ? before : after;
        String key = f.missionKey() != null ? f.missionKey() : "v" + f.version();
        List<AgreementStateEntry> others = new ArrayList<>();
        if (f.missionKey() != null) {
            Map<Long, AgreementStateEntry> all = new TreeMap<>(stored);
            all.putAll(touched);
            all.values().stream()
                    .filter(o -> o.version() != f.version() && key.equals(o.missionKey()) && !o.retracted())
                    .forEach(others::add);
        }
        List<AgreementStateEntry> was = new ArrayList<>(others);
        List<AgreementStateEntry> is = new ArrayList<>(others);
        if (before != null) {
            was.add(before);
        }
        if (after != null) {
            is.add(after);
        }
        Reached reachedWas = missionReached(key, was);
        Reached reachedIs = missionReached(key, is);
        pendingMissions +=
                (!is.isEmpty() && reachedIs == null ? 1 : 0) - (!was.isEmpty() && reachedWas == null ? 1 : 0);
        if (reachedWas != null && !reachedWas.equals(reachedIs) && reachedWas.equals(bestMission)) {
            return false;
        }
        bestMission = Reached.max(bestMission, reachedIs);
        return true;
    }

    /** A trade mission's first completion in force (by business date), named by the mission's first title; or null. */
    private static Reached missionReached(String key, List<AgreementStateEntry> facts) {
        Comparator<AgreementStateEntry> byDate =
                Comparator.comparing(AgreementStateEntry::date).thenComparingLong(AgreementStateEntry::version);
        List<AgreementStateEntry> ordered = facts.stream().sorted(byDate).toList();
        String title = ordered.stream()
                .map(AgreementStateEntry::milestoneTitle)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
        return ordered.stream()
                .filter(f -> f.occurred() && f.type() == EventType.TRADE_MISSION_COMPLETED)
                .findFirst()
                .map(f -> new Reached(MilestoneKind.TRADE_MISSION, key, f.date(), f.version(), title))
                .orElse(null);
    }

    /** Puts the answers to {@link #needs} in the head (each answer: candidates containing the best). */
    void resolve(Map<AgreementStateBest, List<AgreementStateEntry>> answers) {
        for (AgreementStateBest need : needs) {
            List<AgreementStateEntry> answer = need.answer(answers.getOrDefault(need, List.of()));
            AgreementStateEntry best = answer.isEmpty() ? null : answer.get(0);
            switch (need) {
                case OPENING ->
                    opening = best == null ? null : new Opening(best.version(), best.title(), best.parties());
                case MARK -> mark = best == null ? null : new StatusMark(best.version(), best.type(), best.date());
                case TALKS ->
                    bestTalk = best == null
                            ? null
                            : new Reached(
                                    MilestoneKind.TALKS, null, best.date(), best.version(), best.milestoneTitle());
                case TRADE_MISSIONS -> {
                    Map<String, List<AgreementStateEntry>> missions = new TreeMap<>();
                    answer.forEach(f -> missions.computeIfAbsent(
                                    f.missionKey() != null ? f.missionKey() : "v" + f.version(), k -> new ArrayList<>())
                            .add(f));
                    bestMission = null;
                    missions.forEach(
                            (key, facts) -> bestMission = Reached.max(bestMission, missionReached(key, facts)));
                }
                default -> {
                    MilestoneKind kind = need.milestone();
                    Group g = groups.get(kind);
                    if (g != null) {
                        groups.put(
                                kind,
                                new Group(
                                        g.inForce(),
                                        best == null
                                                ? null
                                                : new Reached(kind, null, best.date(), best.version(), null)));
                    }
                }
            }
        }
        needs.clear();
    }

    AgreementState.Row row(String agreementId, int events, long lastVersion, Instant lastRecordedAt) {
        boolean underMou =
                occurred.containsKey(EventType.MOU_SIGNED) || occurred.containsKey(EventType.AGREEMENT_CONCLUDED);
        Stage progress = opening != null ? Stage.OPENED : null;
        for (EventType type : occurred.keySet()) {
            Stage reached = Stage.reachedBy(type, underMou);
            if (reached != null && (progress == null || reached.compareTo(progress) > 0)) {
                progress = reached;
            }
        }
        boolean stalled = mark != null && mark.type() == EventType.NEGOTIATION_STALLED && mark.date() != null;
        Stage stage = terminated > 0 ? Stage.TERMINATED : stalled ? Stage.STALLED : progress;
        Reached last = Reached.max(bestTalk, bestMission);
        int pendingCount = pendingTalks + pendingMissions;
        for (MilestoneKind kind : SINGLE) {
            Group g = groups.get(kind);
            if (g != null && g.inForce() > 0) {
                last = Reached.max(last, g.reached());
                pendingCount += g.reached() == null ? 1 : 0;
            }
        }
        Milestone lastMilestone = last == null
                ? null
                : Milestone.of(last.kind(), Milestone.State.REACHED, last.title(), last.date(), last.version());
        return new AgreementState.Row(
                agreementId,
                opening == null ? null : opening.title(),
                opening == null ? List.of() : opening.parties(),
                stage,
                lastMilestone,
                pendingCount,
                occurred.containsKey(EventType.AGREEMENT_CONCLUDED),
                events,
                lastVersion,
                lastRecordedAt);
    }
}
