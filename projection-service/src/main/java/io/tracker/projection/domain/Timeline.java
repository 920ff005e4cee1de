package io.tracker.projection.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An agreement's events in business-date order, as of a question. */
public record Timeline(String agreementId, AsOf asOf, List<TimelineEntry> entries) {

    private static final Comparator<EffectiveEvent> ORDER = Comparator
            .comparing(EffectiveEvent::date, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(EffectiveEvent::version);

    public Timeline {
        entries = Lists.copy(entries);
    }

    /**
     * Empty when no event of the stream had been recorded by {@code asOf.knownAt()}. Retracted events stay on
     * the timeline, marked RETRACTED; corrected ones show their corrected details and the corrections.
     */
    public static Optional<Timeline> of(String agreementId, List<RecordedEvent> events, AsOf asOf) {
        if (events.stream().noneMatch(asOf::knows)) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = StreamHistory.of(events, asOf).happened(asOf).stream().sorted(ORDER)
                .map(Timeline::entry).toList();
        return Optional.of(new Timeline(agreementId, asOf, entries));
    }

    private static TimelineEntry entry(EffectiveEvent e) {
        EventBody body = e.current();
        String title = null;
        String description = null;
        List<Participant> participants = List.of();
        Place place = null;
        List<String> focusAreas = List.of();
        if (body instanceof NegotiationFact f) {
            title = f.title();
            description = f.description();
            participants = new java.util.ArrayList<>(f.fact().participants());
            for (Participant signatory : f.signatories()) {
                if (!participants.contains(signatory)) {
                    participants.add(signatory);
                }
            }
            place = f.fact().place();
            focusAreas = f.fact().focusAreas();
        } else if (body instanceof StatusChange s) {
            description = s.reason();
        }
        return new TimelineEntry(e.version(), e.event().eventId(), e.type().typeName(), e.type().label(), title,
                description, e.date(), e.status(), e.standing(), e.event().recordedAt(), body.sources(), participants,
                place, focusAreas, e.amendments());
    }
}
