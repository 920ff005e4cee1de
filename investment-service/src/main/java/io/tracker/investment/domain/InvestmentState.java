package io.tracker.investment.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

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
 */
public record InvestmentState(String investmentId, int version, SortedMap<Integer, InvestmentEvent> facts,
        Set<Integer> retracted) {

    /** What a stream version holds, for corrections and retractions that point at it. */
    public enum Recorded { FACT, RETRACTED_FACT, CORRECTION_OR_RETRACTION, NOTHING }

    public InvestmentState {
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
        retracted = Set.copyOf(retracted);
    }

    public static InvestmentState initial() {
        return new InvestmentState(null, 0, new TreeMap<>(), Set.of());
    }

    InvestmentState withFact(InvestmentEvent fact) {
        SortedMap<Integer, InvestmentEvent> next = new TreeMap<>(facts);
        next.put(version + 1, fact);
        return new InvestmentState(investmentId == null ? fact.investmentId() : investmentId, version + 1, next,
                retracted);
    }

    InvestmentState withCorrection(int target, UnaryOperator<InvestmentEvent> correct) {
        SortedMap<Integer, InvestmentEvent> next = new TreeMap<>(facts);
        next.computeIfPresent(target, (v, fact) -> correct.apply(fact));
        return new InvestmentState(investmentId, version + 1, next, retracted);
    }

    InvestmentState withRetraction(int target) {
        SortedMap<Integer, InvestmentEvent> next = new TreeMap<>(facts);
        Set<Integer> gone = new HashSet<>(retracted);
        if (next.remove(target) != null) {
            gone.add(target);
        }
        return new InvestmentState(investmentId, version + 1, next, gone);
    }

    public Recorded at(int streamVersion) {
        if (facts.containsKey(streamVersion)) {
            return Recorded.FACT;
        }
        if (retracted.contains(streamVersion)) {
            return Recorded.RETRACTED_FACT;
        }
        return streamVersion >= 1 && streamVersion <= version ? Recorded.CORRECTION_OR_RETRACTION : Recorded.NOTHING;
    }

    public InvestmentEvent fact(int streamVersion) {
        return facts.get(streamVersion);
    }

    /** The announcement as corrected, or null before the stream exists. */
    public InvestmentAnnounced announcement() {
        return facts.values().stream().filter(InvestmentAnnounced.class::isInstance)
                .map(InvestmentAnnounced.class::cast).findFirst().orElse(null);
    }

    public boolean committed() {
        return facts.values().stream().anyMatch(InvestmentCommitted.class::isInstance);
    }

    public boolean withdrawn() {
        return facts.values().stream().anyMatch(InvestmentWithdrawn.class::isInstance);
    }

    public Set<Milestone> milestones() {
        Set<Milestone> reached = EnumSet.noneOf(Milestone.class);
        facts.values().stream().filter(InvestmentMilestoneReached.class::isInstance)
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
}
