package io.tracker.projection.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** An agreement's events in business-date order, as of a question. */
public record Timeline(String agreementId, AsOf asOf, List<TimelineEntry> entries) {

    /**
     * What happened by its business date (earliest day, then the narrower interval); what is only announced or
     * planned by when it is expected (the last day of its interval: "2026" after "2026-spring"), after what
     * happened on that day; then stream version.
     */
    private static final Comparator<EffectiveEvent> ORDER = Comparator.comparing(
                    Timeline::placedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Timeline::expected)
            .thenComparing(EffectiveEvent::date, Comparator.nullsLast(Comparator.naturalOrder()))
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
        List<TimelineEntry> entries = StreamHistory.of(events, asOf).happened(asOf).stream()
                .sorted(ORDER)
                .map(e -> entry(e, asOf))
                .toList();
        return Optional.of(new Timeline(agreementId, asOf, entries));
    }

    /** Only announced or planned: a fact whose status is not OCCURRED. */
    static boolean expected(EffectiveEvent e) {
        return e.type().category() == EventType.Category.FACT
                && e.status() != null
                && e.status() != FactStatus.OCCURRED;
    }

    private static java.time.LocalDate placedAt(EffectiveEvent e) {
        if (e.date() == null) {
            return null;
        }
        return expected(e) ? e.date().latest() : e.date().earliest();
    }

    /** "forum: announced, not established" rather than "forum established" for what is only announced. */
    static String label(EffectiveEvent e) {
        if (!expected(e)) {
            return e.type().label();
        }
        String status = e.status().name().toLowerCase(java.util.Locale.ROOT);
        MilestoneKind kind = MilestoneKind.about(e.type());
        if (e.type() == EventType.TRADE_MISSION_ANNOUNCED) {
            return "trade mission " + status + ", not completed";
        }
        if (kind != null) {
            String title = e.current() instanceof NegotiationFact f ? f.title() : null;
            return Milestone.noun(kind, kind == MilestoneKind.TALKS ? title : null) + ": " + status + ", not "
                    + kind.verb();
        }
        return e.type().label() + " (" + status + ", not yet so)";
    }

    private static TimelineEntry entry(EffectiveEvent e, AsOf asOf) {
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
        return new TimelineEntry(
                e.version(),
                e.event().eventId(),
                e.type().typeName(),
                label(e),
                title,
                description,
                e.date(),
                e.status(),
                expected(e),
                !AgreementStatusCalculator.certain(e, asOf),
                e.standing(),
                e.event().recordedAt(),
                body.sources(),
                participants,
                place,
                focusAreas,
                e.amendments());
    }
}
