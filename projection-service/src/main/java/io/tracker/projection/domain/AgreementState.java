package io.tracker.projection.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
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
 * bests. An amendment that changes a fact already folded may take away what decided something (the latest stall,
 * the first completion, the best milestone): then {@link #needsAllEntries} and the head is recomputed from the
 * stream's entries ({@link #recompute}: compact rows, no event decoded), as it is when a trade mission's best
 * completion moves earlier. Mutable: one fold at a time.
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
    private boolean needsAllEntries;

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
        if (state.needsAllEntries()) {
            state.recompute(List.of());
        }
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
     * and {@link #missionKeys} (by version; more do no harm). Then, if {@link #needsAllEntries}, call
     * {@link #recompute} with all the stream's stored entries.
     */
    public void fold(List<RecordedEvent> batch, Map<Long, AgreementStateEntry> stored) {
        touched.clear();
        needsAllEntries = false;
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
            if (!needsAllEntries) {
                add(entry, stored);
            }
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
            if (!needsAllEntries) {
                change(before, after, stored);
            }
        }
    }

    /**
     * Takes an amended fact's contribution away and adds its new one. When what it took away decided something (the
     * opening, the latest stall or resumption, a milestone's first completion, the best talks or trade mission), the
     * next best is in the entries: {@link #needsAllEntries}.
     */
    private void change(AgreementStateEntry before, AgreementStateEntry after, Map<Long, AgreementStateEntry> stored) {
        if (before.retracted()) {
            return; // contributed nothing, and an amendment cannot bring it back
        }
        EventType type = before.type();
        if (type.category() == EventType.Category.FACT && before.occurred()) {
            occurred.computeIfPresent(type, (k, n) -> n > 1 ? n - 1 : null);
        }
        boolean decided = switch (type) {
            case NEGOTIATION_OPENED -> after.retracted() && opening != null && opening.version() == before.version();
            case NEGOTIATION_STALLED, NEGOTIATION_RESUMED -> mark != null && mark.version() == before.version();
            case NEGOTIATION_TERMINATED -> {
                terminated--;
                yield false;
            }
            default -> false;
        };
        MilestoneKind kind = MilestoneKind.about(type);
        if (kind == MilestoneKind.TALKS) {
            if (!before.occurred()) {
                pendingTalks--;
            } else if (bestTalk != null && bestTalk.version() == before.version()) {
                decided = true;
            }
        } else if (kind == MilestoneKind.TRADE_MISSION) {
            decided |= !mission(before, after.retracted() ? null : after, stored);
        } else if (kind != null) {
            Group g = groups.get(kind);
            if (before.occurred() && g.reached() != null && g.reached().version() == before.version()) {
                decided = true;
            } else {
                if (g.inForce() > 1) {
                    groups.put(kind, new Group(g.inForce() - 1, g.reached()));
                } else {
                    groups.remove(kind); // as if it never had a fact: the head has one form per history
                }
            }
        }
        if (decided) {
            needsAllEntries = true;
            return;
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
            needsAllEntries |= !mission(null, f, stored);
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
     * pending count and best completion follow. False when the best mission's completion moved (the next best is in
     * the entries).
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
     * The head computed again from all the stream's entries: {@code stored} (those in the store) with the ones this
     * fold {@link #touched} over them.
     */
    public void recompute(Collection<AgreementStateEntry> stored) {
        Map<Long, AgreementStateEntry> all = new TreeMap<>();
        stored.forEach(f -> all.put(f.version(), f));
        all.putAll(touched);
        occurred = new EnumMap<>(EventType.class);
        terminated = 0;
        opening = null;
        mark = null;
        groups = new EnumMap<>(MilestoneKind.class);
        pendingTalks = 0;
        bestTalk = null;
        pendingMissions = 0;
        bestMission = null;
        Map<String, List<AgreementStateEntry>> missions = new TreeMap<>();
        for (AgreementStateEntry f : all.values()) {
            if (f.retracted()) {
                continue;
            }
            countAndMark(f);
            MilestoneKind kind = MilestoneKind.about(f.type());
            if (kind == MilestoneKind.TRADE_MISSION) {
                missions.computeIfAbsent(f.missionKey() != null ? f.missionKey() : "v" + f.version(),
                        k -> new ArrayList<>()).add(f);
            } else if (kind != null) {
                addMilestoneFact(kind, f);
            }
        }
        missions.forEach((key, facts) -> {
            Reached reached = missionReached(key, facts);
            if (reached == null) {
                pendingMissions++;
            }
            bestMission = Reached.max(bestMission, reached);
        });
        needsAllEntries = false;
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

    /** Whether the last fold needs {@link #recompute} with all the stream's stored entries. */
    public boolean needsAllEntries() {
        return needsAllEntries;
    }

    public String agreementId() {
        return agreementId;
    }

    public int events() {
        return events;
    }
}
