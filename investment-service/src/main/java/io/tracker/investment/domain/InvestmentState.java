package io.tracker.investment.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.tracker.core.domain.VersionSlots;
import io.tracker.investment.domain.InvestmentEvent.Figures;
import io.tracker.investment.domain.InvestmentEvent.InvestmentAnnounced;
import io.tracker.investment.domain.InvestmentEvent.InvestmentCommitted;
import io.tracker.investment.domain.InvestmentEvent.InvestmentMilestoneReached;
import io.tracker.investment.domain.InvestmentEvent.InvestmentWithdrawn;

/**
 * An investment as its events say it is now. {@code version} counts every event of the stream;
 * {@code facts} holds the facts still standing, by stream version, with their corrections applied;
 * {@code retracted} the versions of retracted facts. Everything else (committed, withdrawn, milestones,
 * current amount and jobs) is derived from the standing facts, so a correction or retraction changes it too.
 * Immutable; an event copies only the slots it changes ({@link VersionSlots}), so a fold is linear in the
 * stream's length. A standing fact keeps the values it repeats with other investments' facts (sources, companies,
 * sites, business dates, linked negotiations) in the {@link SharedValues} the decider was given, and the state
 * counts its heap as it evolves ({@link #estimatedBytes()}).
 */
public final class InvestmentState {

    /** What a stream version holds, for corrections and retractions that point at it. */
    public enum Recorded {
        FACT,
        RETRACTED_FACT,
        CORRECTION_OR_RETRACTION,
        NOTHING
    }

    /**
     * What a kept state costs besides its facts, its id and its tries: es-core's kept entry (its record, the map's
     * node and table slot) and this object.
     */
    private static final long KEPT = FactParts.object(4 + 8 + 4 + 8 + 8) // StateCache.Entry
            + FactParts.object(4 * 4 + 4 + 4 * 2) // LinkedHashMap.Entry: hash, key, value, next, before, after
            + 4 // its slot in the map's table
            + FactParts.object(4 + 4 + 4 + 4 + 8); // this object

    private final String investmentId;
    private final int version;
    private final VersionSlots<InvestmentEvent> facts;
    private final VersionSlots<Boolean> retracted;
    /** The estimated bytes of the standing facts, kept as the state evolves. */
    private final long factBytes;

    private InvestmentState(
            String investmentId,
            int version,
            VersionSlots<InvestmentEvent> facts,
            VersionSlots<Boolean> retracted,
            long factBytes) {
        this.investmentId = investmentId;
        this.version = version;
        this.facts = facts;
        this.retracted = retracted;
        this.factBytes = factBytes;
    }

    public static InvestmentState initial() {
        return new InvestmentState(null, 0, VersionSlots.empty(), VersionSlots.empty(), 0);
    }

    /**
     * A state as a snapshot gives it back: the stream's {@code version}, its standing facts by version (as
     * corrected) and the versions of retracted facts.
     */
    public static InvestmentState restore(
            String investmentId, int version, SortedMap<Integer, InvestmentEvent> facts, Set<Integer> retracted) {
        return restore(investmentId, version, facts, retracted, SharedValues.NONE);
    }

    /** As {@link #restore(String, int, SortedMap, Set)}, the facts' repeated parts shared in {@code values}. */
    public static InvestmentState restore(
            String investmentId,
            int version,
            SortedMap<Integer, InvestmentEvent> facts,
            Set<Integer> retracted,
            SharedValues values) {
        VersionSlots<InvestmentEvent> standing = VersionSlots.empty();
        long bytes = 0;
        for (var e : facts.entrySet()) {
            if (e.getKey() < 1 || e.getKey() > version) {
                throw new IllegalArgumentException("a fact at version " + e.getKey() + " of a stream at " + version);
            }
            InvestmentEvent fact = FactParts.shared(Objects.requireNonNull(e.getValue()), values, investmentId);
            standing = standing.with(e.getKey(), fact);
            bytes += FactParts.bytes(fact, values);
        }
        VersionSlots<Boolean> gone = VersionSlots.empty();
        for (int v : new TreeSet<>(retracted)) {
            if (v < 1 || v > version || facts.containsKey(v)) {
                throw new IllegalArgumentException("a retraction of version " + v + " of a stream at " + version);
            }
            gone = gone.with(v, true);
        }
        return new InvestmentState(investmentId, version, standing, gone, bytes);
    }

    public String investmentId() {
        return investmentId;
    }

    public int version() {
        return version;
    }

    /** The facts still standing, by stream version, as corrected. */
    public SortedMap<Integer, InvestmentEvent> facts() {
        SortedMap<Integer, InvestmentEvent> all = new TreeMap<>();
        facts.forEach((v, fact) -> all.put(v.intValue(), fact));
        return Collections.unmodifiableSortedMap(all);
    }

    /** The versions of retracted facts. */
    public Set<Integer> retracted() {
        Set<Integer> all = new TreeSet<>();
        retracted.forEach((v, gone) -> all.add(v.intValue()));
        return Collections.unmodifiableSet(all);
    }

    InvestmentState withFact(InvestmentEvent fact, SharedValues values) {
        String id = investmentId == null ? fact.investmentId() : investmentId;
        InvestmentEvent kept = FactParts.shared(fact, values, id);
        return new InvestmentState(
                id, version + 1, facts.with(version + 1, kept), retracted, factBytes + FactParts.bytes(kept, values));
    }

    InvestmentState withCorrection(int target, UnaryOperator<InvestmentEvent> correct, SharedValues values) {
        InvestmentEvent fact = facts.get(target);
        if (fact == null) {
            return new InvestmentState(investmentId, version + 1, facts, retracted, factBytes);
        }
        InvestmentEvent corrected = FactParts.shared(correct.apply(fact), values, investmentId);
        return new InvestmentState(
                investmentId,
                version + 1,
                facts.with(target, corrected),
                retracted,
                factBytes - FactParts.bytes(fact, values) + FactParts.bytes(corrected, values));
    }

    InvestmentState withRetraction(int target, SharedValues values) {
        InvestmentEvent fact = facts.get(target);
        if (fact == null) {
            return new InvestmentState(investmentId, version + 1, facts, retracted, factBytes);
        }
        return new InvestmentState(
                investmentId,
                version + 1,
                facts.with(target, null),
                retracted.with(target, true),
                factBytes - FactParts.bytes(fact, values));
    }

    public Recorded at(int streamVersion) {
        if (facts.get(streamVersion) != null) {
            return Recorded.FACT;
        }
        if (retracted.get(streamVersion) != null) {
            return Recorded.RETRACTED_FACT;
        }
        return streamVersion >= 1 && streamVersion <= version ? Recorded.CORRECTION_OR_RETRACTION : Recorded.NOTHING;
    }

    public InvestmentEvent fact(int streamVersion) {
        return facts.get(streamVersion);
    }

    /** The announcement as corrected, or null before the stream exists. */
    public InvestmentAnnounced announcement() {
        return facts.values().stream()
                .filter(InvestmentAnnounced.class::isInstance)
                .map(InvestmentAnnounced.class::cast)
                .findFirst()
                .orElse(null);
    }

    public boolean committed() {
        return facts.values().stream().anyMatch(InvestmentCommitted.class::isInstance);
    }

    public boolean withdrawn() {
        return facts.values().stream().anyMatch(InvestmentWithdrawn.class::isInstance);
    }

    public Set<Milestone> milestones() {
        Set<Milestone> reached = EnumSet.noneOf(Milestone.class);
        facts.values().stream()
                .filter(InvestmentMilestoneReached.class::isInstance)
                .forEach(e -> reached.add(((InvestmentMilestoneReached) e).milestone()));
        return Collections.unmodifiableSet(reached);
    }

    /** The amount the latest standing fact that discloses one states, or undisclosed. */
    public Money amount() {
        Money current = Money.UNDISCLOSED;
        for (InvestmentEvent e : facts.values()) {
            if (e instanceof Figures f && f.amount() instanceof Money.Disclosed) {
                current = f.amount();
            }
        }
        return current;
    }

    /** The jobs the latest standing fact that states them gives, or null (unknown). */
    public Integer expectedJobs() {
        Integer current = null;
        for (InvestmentEvent e : facts.values()) {
            if (e instanceof Figures f && f.expectedJobs() != null) {
                current = f.expectedJobs();
            }
        }
        return current;
    }

    /**
     * The heap this state takes when kept, by estimate, in constant time: es-core's kept entry, this object, the
     * investment id, the slot tries, and each standing fact (counted as it evolved in, {@code FactParts}) without
     * the parts kept shared in {@link SharedValues}, which that keeper counts once. The empty trie of a stream with
     * no retraction is one shared constant: not counted.
     */
    public long estimatedBytes() {
        return KEPT
                + 2 * FactParts.string(investmentId) // the state's, and the kept entry's key (the request's)
                + facts.estimatedBytes()
                + (retracted.size() == 0 ? 0 : retracted.estimatedBytes())
                + factBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvestmentState s
                && version == s.version
                && Objects.equals(investmentId, s.investmentId)
                && facts().equals(s.facts())
                && retracted().equals(s.retracted());
    }

    @Override
    public int hashCode() {
        return Objects.hash(investmentId, version);
    }

    @Override
    public String toString() {
        return "InvestmentState[" + investmentId + " v" + version + ", facts " + facts() + ", retracted " + retracted()
                + "]";
    }
}
