package io.tracker.projection.domain;

import java.util.List;
import java.util.Objects;

/**
 * What every negotiation fact carries: when, whether it happened or was only announced or planned, who took
 * part, where ({@code place} may be null), what it is about (focus areas, kept as the producer's names) and
 * the sources.
 */
public record FactDetails(
        BusinessDate date,
        FactStatus status,
        List<Participant> participants,
        Place place,
        List<String> focusAreas,
        List<Source> sources) {

    public FactDetails {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        participants = Lists.copy(participants);
        focusAreas = Lists.copy(focusAreas);
        sources = Lists.copy(sources);
    }
}
