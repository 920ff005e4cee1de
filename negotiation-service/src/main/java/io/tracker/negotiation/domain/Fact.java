package io.tracker.negotiation.domain;

import java.util.List;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.Source;

/**
 * What every fact carries: when (business date), whether it happened or was only announced or planned,
 * who took part, where ({@code place} null when the sources do not say), what it is about, and the sources
 * (at least one). Validity is checked by the decider ({@link FactRules}), not here, so that a bad value
 * becomes a domain error naming its field.
 */
public record Fact(
        BusinessDate date,
        FactStatus status,
        List<Participant> participants,
        Place place,
        List<FocusArea> focusAreas,
        List<Source> sources) {

    public Fact {
        participants = Lists.copy(participants);
        focusAreas = Lists.copy(focusAreas);
        sources = Lists.copy(sources);
    }
}
