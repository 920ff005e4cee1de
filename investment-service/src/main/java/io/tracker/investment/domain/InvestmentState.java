package io.tracker.investment.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.tracker.core.domain.Source;
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
 * stream's length.
 */
public final class InvestmentState {

    /** What a stream version holds, for corrections and retractions that point at it. */
    public enum Recorded {
        FACT,
        RETRACTED_FACT,
        CORRECTION_OR_RETRACTION,
        NOTHING
    }

    private final String investmentId;
    private final int version;
    private final VersionSlots<InvestmentEvent> facts;
    private final VersionSlots<Boolean> retracted;

    private InvestmentState(
            String investmentId, int version, VersionSlots<InvestmentEvent> facts, VersionSlots<Boolean> retracted) {
        this.investmentId = investmentId;
        this.version = version;
        this.facts = facts;
        this.retracted = retracted;
    }

    public static InvestmentState initial() {
        return new InvestmentState(null, 0, VersionSlots.empty(), VersionSlots.empty());
    }

    /**
     * A state as a snapshot gives it back: the stream's {@code version}, its standing facts by version (as
     * corrected) and the versions of retracted facts.
     */
    public static InvestmentState restore(
            String investmentId, int version, SortedMap<Integer, InvestmentEvent> facts, Set<Integer> retracted) {
        VersionSlots<InvestmentEvent> standing = VersionSlots.empty();
        for (var e : facts.entrySet()) {
            if (e.getKey() < 1 || e.getKey() > version) {
                throw new IllegalArgumentException("a fact at version " + e.getKey() + " of a stream at " + version);
            }
            standing = standing.with(e.getKey(), Objects.requireNonNull(e.getValue()));
        }
        VersionSlots<Boolean> gone = VersionSlots.empty();
        for (int v : new TreeSet<>(retracted)) {
            if (v < 1 || v > version || facts.containsKey(v)) {
                throw new IllegalArgumentException("a retraction of version " + v + " of a stream at " + version);
            }
            gone = gone.with(v, true);
        }
        return new InvestmentState(investmentId, version, standing, gone);
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

    InvestmentState withFact(InvestmentEvent fact) {
        return new InvestmentState(
                investmentId == null ? fact.investmentId() : investmentId,
                version + 1,
                facts.with(version + 1, fact),
                retracted);
    }

    InvestmentState withCorrection(int target, UnaryOperator<InvestmentEvent> correct) {
        InvestmentEvent fact = facts.get(target);
        return new InvestmentState(
                investmentId, version + 1, fact == null ? facts : facts.with(target, correct.apply(fact)), retracted);
    }

    InvestmentState withRetraction(int target) {
        if (facts.get(target) == null) {
            return new InvestmentState(investmentId, version + 1, facts, retracted);
        }
        return new InvestmentState(investmentId, version + 1, facts.with(target, null), retracted.with(target, true));
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
     * A rough estimate of the heap this state takes, to bound the kept states by memory: the slots, and per
     * standing fact its record with its sources (each ~200 bytes plus its text), the announcement's companies
     * and site counted at a flat 1 KB.
     */
    public long estimatedBytes() {
        long bytes = 64
                + (investmentId == null ? 0 : 48 + investmentId.length())
                + facts.estimatedBytes()
                + retracted.estimatedBytes();
        for (InvestmentEvent e : facts.values()) {
            bytes += 160 + (e instanceof InvestmentAnnounced ? 1024 : 0);
            if (e instanceof InvestmentEvent.Fact f && f.sources() != null) {
                for (Source s : f.sources()) {
                    bytes += 200 + (s == null ? 0 : length(s.title()) + length(s.publisher()) + length(s.url()));
                }
            }
        }
        return bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
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
