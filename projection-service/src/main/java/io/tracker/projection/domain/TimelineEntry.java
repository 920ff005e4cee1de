package io.tracker.projection.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event on an agreement's timeline, as it stands after the amendments known at the time of the question:
 * business date (with its precision), fact status, standing (IN_FORCE, CORRECTED, RETRACTED), its sources
 * and, when corrected or retracted, the amendments themselves. {@code expected}: only announced or planned (the
 * label says so: "forum: announced, not established"), placed by when it is expected; {@code possibly}: the question's
 * business date falls inside the entry's date interval, so it may not have happened by then.
 */
public record TimelineEntry(
        long streamVersion,
        UUID eventId,
        String type,
        String label,
        String title,
        String description,
        BusinessDate date,
        FactStatus factStatus,
        boolean expected,
        boolean possibly,
        EffectiveEvent.Standing standing,
        Instant recordedAt,
        List<Source> sources,
        List<Participant> participants,
        Place place,
        List<String> focusAreas,
        List<Amendment> amendments) {

    public TimelineEntry {
        sources = Lists.copy(sources);
        participants = Lists.copy(participants);
        focusAreas = Lists.copy(focusAreas);
        amendments = Lists.copy(amendments);
    }
}
