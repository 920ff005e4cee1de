package io.tracker.negotiation.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tracker.negotiation.domain.NegotiationEvent.FactCorrected;
import io.tracker.negotiation.domain.NegotiationEvent.FactEvent;
import io.tracker.negotiation.domain.NegotiationEvent.FactRetracted;

/**
 * The facts of a negotiation in full, as they stand after corrections and retractions, in stream order: what a
 * read shows (the decision state keeps only a summary of each). Folded in one pass, linear in the stream.
 */
public final class NegotiationFacts {
    private NegotiationFacts() {}

    /** @param events the stream's events in order, from its first */
    public static List<RecordedFact> of(List<? extends NegotiationEvent> events) {
        Map<Long, RecordedFact> facts = new LinkedHashMap<>();
        long version = 0;
        for (NegotiationEvent event : events) {
            version++;
            if (event instanceof FactEvent fact) {
                facts.put(version, new RecordedFact(version, fact, fact.fact(), false));
            } else if (event instanceof FactCorrected corrected) {
                facts.computeIfPresent(
                        corrected.targetVersion(),
                        (v, f) -> new RecordedFact(v, f.event(), corrected.corrected(), f.retracted()));
            } else if (event instanceof FactRetracted retracted) {
                facts.computeIfPresent(
                        retracted.targetVersion(), (v, f) -> new RecordedFact(v, f.event(), f.current(), true));
            }
        }
        return new ArrayList<>(facts.values());
    }
}
