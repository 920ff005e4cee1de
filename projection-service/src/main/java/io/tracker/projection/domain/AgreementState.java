package io.tracker.projection.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.tracker.projection.domain.AgreementStateHead.Group;
import io.tracker.projection.domain.AgreementStateHead.Opening;
import io.tracker.projection.domain.AgreementStateHead.Reached;
import io.tracker.projection.domain.AgreementStateHead.StatusMark;

/**
 * An agreement's state folded event by event, at a cost per event that does not depend on the stream's length: a
 * head of fixed shape ({@link AgreementStateHead}: counts and the few facts that decide the list row) and, beside it,
 * one {@link AgreementStateEntry} per fact, of which a fold reads only those its events concern.
 * <p>
 * Folding a batch ({@link #fold}) needs from the store the entries of {@link #targets} (what the batch's corrections
 * and retractions point at) and of {@link #missionKeys} (the other facts of the trade missions the batch is about),
 * and answers the entries it created or changed ({@link #touched}). A new fact is added to the head's counts and
 * bests; an amendment takes its target's old values away and adds the new ones. When what it took away decided
 * something (the opening, the latest stall or resumption, a milestone's first completion, the latest talks, the best
 * trade mission), the fold {@link #needs} that next best: the store answers each with one indexed query over the
 * stream's entries ({@link AgreementStateBest}; the trade missions with their facts) and {@link #resolve} puts it in
 * the head. Mutable: one fold at a time.
 * <p>
 * Its {@link #row} equals the list row that {@link AgreementStatusCalculator#status} computes from the whole history
 * (title, parties, stage, last milestone, pending milestones, binding, last version and recorded time).
 */
public final class AgreementState {
    /**
     * A correction ({@code date}, {@code status}: the corrected ones) or retraction ({@code retraction}; no date)
     * of the fact at {@code target}, which has not arrived yet.
     */
    public record Pending(long version, long target, boolean retraction, BusinessDate date, FactStatus status) {
    }

    /** What the list row of an agreement shows. */
    public record Row(String agreementId, String title, List<String> parties, Stage stage, Milestone lastMilestone,
            int pendingMilestones, boolean binding, int events, long lastVersion, Instant lastRecordedAt) {
        public Row {
            parties = Lists.copy(parties);
        }
    }

    private static final List<MilestoneKind> SINGLE = List.of(MilestoneKind.LEADERS_MEETING, MilestoneKind.MOU,
            MilestoneKind.COMMITTEE, MilestoneKind.FORUM, MilestoneKind.AGREEMENT);

    private final String agreementId;
    private int events;
    private long lastVersion;
    private Instant lastRecordedAt;
    private final List<Pending> pending = new ArrayList<>();
    private EnumMap<EventType, Integer> occurred = new EnumMap<>(EventType.class);
    private int terminated;
    private Opening opening;
    private StatusMark mark;
    private EnumMap<MilestoneKind, Group> groups = new EnumMap<>(MilestoneKind.class);
    private int pendingTalks;
    private Reached bestTalk;
    private int pendingMissions;
    private Reached bestMission;

    private final TreeMap<Long, AgreementStateEntry> touched = new TreeMap<>();
    private final EnumSet<AgreementStateBest> needs = EnumSet.noneOf(AgreementStateBest.class);

    private AgreementState(String agreementId) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
    }

    /** No event yet. */
    public static AgreementState empty(String agreementId) {
        return new AgreementState(agreementId);
    }

    /** A state as it was stored. */
    public static AgreementState restore(String agreementId, AgreementStateHead h) {
        AgreementState s = new AgreementState(agreementId);
        s.events = h.events();
        s.lastVersion = h.lastVersion();
        s.lastRecordedAt = h.lastRecordedAt();
        s.pending.addAll(h.pending());
        s.occurred = new EnumMap<>(EventType.class);
        s.occurred.putAll(h.occurred());
        s.terminated = h.terminated();
        s.opening = h.opening();
        s.mark = h.mark();
        s.groups = new EnumMap<>(MilestoneKind.class);
        s.groups.putAll(h.groups());
        s.pendingTalks = h.pendingTalks();
        s.bestTalk = h.bestTalk();
        s.pendingMissions = h.pendingMissions();
        s.bestMission = h.bestMission();
        return s;
    }

    /** The state folded over every event of a whole stream (any order); its entries are {@link #touched}. */
    public static AgreementState of(String agreementId, List<RecordedEvent> history) {
        AgreementState state = empty(agreementId);
        state.fold(history, Map.of());
        state.resolve(state.answers(state.touched()));
        return state;
    }

    /** The versions a batch's amendments point at: their entries are needed to fold it. */
    public static Set<Long> targets(Collection<RecordedEvent> batch) {
        Set<Long> targets = new LinkedHashSet<>();
        batch.stream().filter(e -> e.type().isAmendment() && e.stream() == StreamKind.NEGOTIATION)
                .forEach(e -> targets.add(e.targetVersion()));
        return targets;
    }

    /**
     * The trade missions a batch's facts are about: their entries are needed to fold it (and those of the missions
     * its {@link #targets} are about).
     */
    public static Set<String> missionKeys(Collection<RecordedEvent> batch) {
        Set<String> keys = new LinkedHashSet<>();
        for (RecordedEvent e : batch) {
            AgreementStateEntry entry = AgreementStateEntry.of(e);
            if (entry != null && entry.missionKey() != null) {
                keys.add(entry.missionKey());
            }
        }
        return keys;
    }

    /**
     * Folds a batch of new events (each version once; in any order), given the stored entries of {@link #targets}
     * and {@link #missionKeys} (by version; more do no harm). Then, if it {@link #needs} next bests, store the
     * {@link #touched} entries and {@link #resolve} with the store's answers.
     */
    public void fold(List<RecordedEvent> batch, Map<Long, AgreementStateEntry> stored) {
        touched.clear();
        needs.clear();
        List<RecordedEvent> sorted = batch.stream().sorted(Comparator.comparingLong(RecordedEvent::version)).toList();
        for (RecordedEvent e : sorted) {
            apply(e, stored);
        }
    }

    private void apply(RecordedEvent e, Map<Long, AgreementStateEntry> stored) {
        events++;
        lastVersion = Math.max(lastVersion, e.version());
        Instant recorded = e.recordedAt().truncatedTo(ChronoUnit.MICROS); // as the store keeps it
        if (lastRecordedAt == null || recorded.isAfter(lastRecordedAt)) {
            lastRecordedAt = recorded;
        }
        if (!e.type().isAmendment()) {
            AgreementStateEntry entry = AgreementStateEntry.of(e);
            if (entry == null) {
                return; // not a negotiation's fact (a figure)
            }
            for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.target() == entry.version()) {
                    entry = entry.amended(p);
                    it.remove();
                }
            }
            touched.put(entry.version(), entry);
            add(entry, stored);
            return;
        }
        long target = e.targetVersion();
        if (target < 1 || target >= e.version()) {
            return; // points at nothing earlier: the whole history ignores it as well
        }
        Pending p;
        if (e.body() instanceof Retraction) {
            p = new Pending(e.version(), target, true, null, null);
        } else if (e.body() instanceof NegotiationCorrection c) {
            p = new Pending(e.version(), target, false, c.corrected().date(), c.corrected().status());
        } else {
            return; // an amendment this stream's facts cannot take
        }
        AgreementStateEntry before = touched.containsKey(target) ? touched.get(target) : stored.get(target);
        if (before == null) {
            pending.add(p);
            return;
        }
        AgreementStateEntry after = before.amended(p);
        if (!after.equals(before)) {
            touched.put(target, after);
            change(before, after, stored);
        }
    }

    /**
     * Takes an amended fact's contribution away and adds its new one. When what it took away decided something (the
     * opening, the latest stall or resumption, a milestone's first completion, the best talks or trade mission), its
     * next best is looked up in the entries: {@link #needs}.
     */
    private void change(AgreementStateEntry before, AgreementStateEntry after, Map<Long, AgreementStateEntry> stored) {
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
            default -> {
            }
        }
        MilestoneKind kind = MilestoneKind.about(type);
        if (kind == MilestoneKind.TALKS) {
            if (!before.occurred()) {
                pendingTalks--;
            } else if (bestTalk != null && bestTalk.version() == before.version()) {
                needs.add(AgreementStateBest.TALKS);
            }
        } else if (kind == MilestoneKind.TRADE_MISSION) {
            if (!mission(before, after.retracted() ? null : after, stored)) {
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
    private void add(AgreementStateEntry f, Map<Long, AgreementStateEntry> stored) {
        if (f.retracted()) {
            return;
        }
        countAndMark(f);
        MilestoneKind kind = MilestoneKind.about(f.type());
        if (kind == MilestoneKind.TRADE_MISSION) {
            if (!mission(null, f, stored)) {
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
            default -> {
            }
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
        Reached reached = f.occurred() ? Reached.min(g.reached(), new Reached(kind, null, f.date(), f.version(), null))
                : g.reached();
        groups.put(kind, new Group(g.inForce() + 1, reached));
    }

    /**
     * A trade mission's fact added ({@code before} null), amended or retracted ({@code after} null): the mission's
     * pending count and best completion follow. False when the best mission's completion moved (the next best is
     * looked up).
     */
    private boolean mission(AgreementStateEntry before, AgreementStateEntry after, Map<Long, AgreementStateEntry> stored) {
        AgreementStateEntry f = before != null ? before : after;
        String key = f.missionKey() != null ? f.missionKey() : "v" + f.version();
        List<AgreementStateEntry> others = new ArrayList<>();
        if (f.missionKey() != null) {
            Map<Long, AgreementStateEntry> all = new TreeMap<>(stored);
            all.putAll(touched);
            all.values().stream().filter(o -> o.version() != f.version() && key.equals(o.missionKey()) && !o.retracted())
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
        pendingMissions += (!is.isEmpty() && reachedIs == null ? 1 : 0) - (!was.isEmpty() && reachedWas == null ? 1 : 0);
        if (reachedWas != null && !reachedWas.equals(reachedIs) && reachedWas.equals(bestMission)) {
            return false;
        }
        bestMission = Reached.max(bestMission, reachedIs);
        return true;
    }

    /** A trade mission's first completion in force (by business date), named by the mission's first title; or null. */
    private static Reached missionReached(String key, List<AgreementStateEntry> facts) {
        Comparator<AgreementStateEntry> byDate = Comparator.comparing(AgreementStateEntry::date)
                .thenComparingLong(AgreementStateEntry::version);
        List<AgreementStateEntry> ordered = facts.stream().sorted(byDate).toList();
        String title = ordered.stream().map(AgreementStateEntry::milestoneTitle).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return ordered.stream().filter(f -> f.occurred() && f.type() == EventType.TRADE_MISSION_COMPLETED).findFirst()
                .map(f -> new Reached(MilestoneKind.TRADE_MISSION, key, f.date(), f.version(), title)).orElse(null);
    }

    /**
     * Puts the next bests the fold {@link #needs} in the head: {@code answers} are, per need, candidates among the
     * stream's entries ({@link #touched} ones included) that contain what {@link AgreementStateBest#answer} gives
     * over all of them (the store's answer per type of the need).
     */
    public void resolve(Map<AgreementStateBest, List<AgreementStateEntry>> answers) {
        for (AgreementStateBest need : needs) {
            List<AgreementStateEntry> answer = need.answer(answers.getOrDefault(need, List.of()));
            AgreementStateEntry best = answer.isEmpty() ? null : answer.get(0);
            switch (need) {
                case OPENING -> opening = best == null ? null : new Opening(best.version(), best.title(), best.parties());
                case MARK -> mark = best == null ? null : new StatusMark(best.version(), best.type(), best.date());
                case TALKS -> bestTalk = best == null ? null
                        : new Reached(MilestoneKind.TALKS, null, best.date(), best.version(), best.milestoneTitle());
                case TRADE_MISSIONS -> {
                    Map<String, List<AgreementStateEntry>> missions = new TreeMap<>();
                    answer.forEach(f -> missions.computeIfAbsent(f.missionKey() != null ? f.missionKey()
                            : "v" + f.version(), k -> new ArrayList<>()).add(f));
                    bestMission = null;
                    missions.forEach((key, facts) -> bestMission = Reached.max(bestMission, missionReached(key, facts)));
                }
                default -> {
                    MilestoneKind kind = need.milestone();
                    Group g = groups.get(kind);
                    if (g != null) {
                        groups.put(kind, new Group(g.inForce(), best == null ? null
                                : new Reached(kind, null, best.date(), best.version(), null)));
                    }
                }
            }
        }
        needs.clear();
    }

    /** The answers to what the fold {@link #needs}, computed over {@code entries} (all the stream's). */
    public Map<AgreementStateBest, List<AgreementStateEntry>> answers(Collection<AgreementStateEntry> entries) {
        Map<AgreementStateBest, List<AgreementStateEntry>> answers = new EnumMap<>(AgreementStateBest.class);
        needs.forEach(need -> answers.put(need, need.answer(entries)));
        return answers;
    }

    /** The list row now; empty before the first event. */
    public Optional<Row> row() {
        if (events == 0) {
            return Optional.empty();
        }
        boolean underMou = occurred.containsKey(EventType.MOU_SIGNED) || occurred.containsKey(EventType.AGREEMENT_CONCLUDED);
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
        Milestone lastMilestone = last == null ? null
                : Milestone.of(last.kind(), Milestone.State.REACHED, last.title(), last.date(), last.version());
        return Optional.of(new Row(agreementId, opening == null ? null : opening.title(),
                opening == null ? List.of() : opening.parties(), stage, lastMilestone, pendingCount,
                occurred.containsKey(EventType.AGREEMENT_CONCLUDED), events, lastVersion, lastRecordedAt));
    }

    /** What is stored: it does not grow with the stream (but for amendments waiting for their target). */
    public AgreementStateHead head() {
        return new AgreementStateHead(events, lastVersion, lastRecordedAt, occurred, terminated, opening, mark, groups,
                pendingTalks, bestTalk, pendingMissions, bestMission,
                pending.stream().sorted(Comparator.comparingLong(Pending::version)).toList());
    }

    /** The entries the last fold created or changed (to be stored), in stream order. */
    public List<AgreementStateEntry> touched() {
        return List.copyOf(touched.values());
    }

    /** The next bests the last fold needs looked up in the stream's entries ({@link #resolve}); most folds none. */
    public Set<AgreementStateBest> needs() {
        return Set.copyOf(needs);
    }

    public String agreementId() {
        return agreementId;
    }

    public int events() {
        return events;
    }
}
