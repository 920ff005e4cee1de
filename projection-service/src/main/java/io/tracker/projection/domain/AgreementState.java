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
    public record Pending(long version, long target, boolean retraction, BusinessDate date, FactStatus status) {}

    /** What the list row of an agreement shows. */
    public record Row(
            String agreementId,
            String title,
            List<String> parties,
            Stage stage,
            Milestone lastMilestone,
            int pendingMilestones,
            boolean binding,
            int events,
            long lastVersion,
            Instant lastRecordedAt) {
        public Row {
            parties = Lists.copy(parties);
        }
    }

    private final String agreementId;
    private int events;
    private long lastVersion;
    private Instant lastRecordedAt;
    private final List<Pending> pending = new ArrayList<>();
    private final AgreementStateTotals totals;

    private final TreeMap<Long, AgreementStateEntry> touched = new TreeMap<>();

    private AgreementState(String agreementId, AgreementStateTotals totals) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        this.totals = totals;
    }

    /** No event yet. */
    public static AgreementState empty(String agreementId) {
        return new AgreementState(agreementId, new AgreementStateTotals());
    }

    /** A state as it was stored. */
    public static AgreementState restore(String agreementId, AgreementStateHead h) {
        AgreementState s = new AgreementState(agreementId, AgreementStateTotals.of(h));
        s.events = h.events();
        s.lastVersion = h.lastVersion();
        s.lastRecordedAt = h.lastRecordedAt();
        s.pending.addAll(h.pending());
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
        batch.stream()
                .filter(e -> e.type().isAmendment() && e.stream() == StreamKind.NEGOTIATION)
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
        totals.needs().clear();
        List<RecordedEvent> sorted = batch.stream()
                .sorted(Comparator.comparingLong(RecordedEvent::version))
                .toList();
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
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.target() == entry.version()) {
                    entry = entry.amended(p);
                    it.remove();
                }
            }
            touched.put(entry.version(), entry);
            totals.add(entry, stored, touched);
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
            p = new Pending(
                    e.version(),
                    target,
                    false,
                    c.corrected().date(),
                    c.corrected().status());
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
            totals.change(before, after, stored, touched);
        }
    }

    /** What is stored: it does not grow with the stream (but for amendments waiting for their target). */
    public AgreementStateHead head() {
        return totals.head(
                events,
                lastVersion,
                lastRecordedAt,
                pending.stream()
                        .sorted(Comparator.comparingLong(Pending::version))
                        .toList());
    }

    /** The entries the last fold created or changed (to be stored), in stream order. */
    public List<AgreementStateEntry> touched() {
        return List.copyOf(touched.values());
    }

    /** The next bests the last fold needs looked up in the stream's entries ({@link #resolve}); most folds none. */
    public Set<AgreementStateBest> needs() {
        return Set.copyOf(totals.needs());
    }

    /**
     * Puts the next bests the fold {@link #needs} in the head: {@code answers} are, per need, candidates among the
     * stream's entries ({@link #touched} ones included) that contain what {@link AgreementStateBest#answer} gives
     * over all of them (the store's answer per type of the need).
     */
    public void resolve(Map<AgreementStateBest, List<AgreementStateEntry>> answers) {
        totals.resolve(answers);
    }

    /** The answers to what the fold {@link #needs}, computed over {@code entries} (all the stream's). */
    public Map<AgreementStateBest, List<AgreementStateEntry>> answers(Collection<AgreementStateEntry> entries) {
        Map<AgreementStateBest, List<AgreementStateEntry>> answers = new EnumMap<>(AgreementStateBest.class);
        totals.needs().forEach(need -> answers.put(need, need.answer(entries)));
        return answers;
    }

    /** The list row now; empty before the first event. */
    public Optional<Row> row() {
        return events == 0
                ? Optional.empty()
                : Optional.of(totals.row(agreementId, events, lastVersion, lastRecordedAt));
    }

    public String agreementId() {
        return agreementId;
    }

    public int events() {
        return events;
    }
}
