package io.tracker.projection.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimelineTest {
    private final Facts f = Facts.negotiation("n");

    @Test
    void businessDateOrderMorePreciseFirstThenStreamOrder() {
        List<RecordedEvent> events = List.of(
                f.fact(EventType.NEGOTIATION_OPENED, "2026", FactStatus.OCCURRED, "T"),
                f.fact(EventType.MOU_SIGNED, "2026-01-29", FactStatus.OCCURRED, "MOU"),
                f.fact(EventType.LEADERS_MET, "2025-10-late", FactStatus.OCCURRED, null),
                f.fact(EventType.TALKS_HELD, "2026-01", FactStatus.OCCURRED, "MINISTERIAL"),
                f.fact(EventType.COMMITTEE_FORMED, "2026-01-29", FactStatus.OCCURRED, "C"));
        Timeline t = Timeline.of("n", events, AsOf.NOW).orElseThrow();
        // 2025-10-late; then 2026-01-01.. : the month (ends 01-31) before the year (ends 12-31); the day last
        assertEquals(
                List.of(3L, 4L, 1L, 2L, 5L),
                t.entries().stream().map(TimelineEntry::streamVersion).toList());
        assertEquals("PART_OF_MONTH", t.entries().get(0).date().precision());
    }

    @Test
    void correctionsAndRetractionsAreShownWithWhatTheyAmend() {
        List<RecordedEvent> events = List.of(
                f.fact(EventType.NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"),
                f.fact(EventType.TALKS_HELD, "2026-01-29", FactStatus.OCCURRED, "MINISTERIAL"),
                f.fact(EventType.LEADERS_MET, "2025-10", FactStatus.OCCURRED, null),
                f.correct(2, "2026-01-late", FactStatus.OCCURRED),
                f.retract(3));
        Timeline t = Timeline.of("n", events, AsOf.NOW).orElseThrow();
        assertEquals(3, t.entries().size(), "amendments are not entries of their own");
        TimelineEntry talks = t.entries().stream()
                .filter(e -> e.streamVersion() == 2)
                .findFirst()
                .orElseThrow();
        assertEquals(EffectiveEvent.Standing.CORRECTED, talks.standing());
        assertEquals("2026-01-late", talks.date().text());
        assertEquals("2026-01-29", talks.amendments().get(0).dateBefore().text());
        TimelineEntry leaders = t.entries().stream()
                .filter(e -> e.streamVersion() == 3)
                .findFirst()
                .orElseThrow();
        assertEquals(EffectiveEvent.Standing.RETRACTED, leaders.standing());
        assertEquals(Amendment.Kind.RETRACTION, leaders.amendments().get(0).kind());

        // the corrected date decides what had happened by a day
        Timeline jan25 = Timeline.of("n", events, new AsOf(LocalDate.parse("2026-01-25"), null))
                .orElseThrow();
        assertEquals(
                List.of(1L, 3L, 2L),
                jan25.entries().stream().map(TimelineEntry::streamVersion).toList());
        Timeline knownBefore = Timeline.of("n", events, new AsOf(LocalDate.parse("2026-01-25"), Facts.minute(3)))
                .orElseThrow();
        assertEquals(
                List.of(1L, 3L),
                knownBefore.entries().stream().map(TimelineEntry::streamVersion).toList());
    }
}
