package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementInvestments;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.EffectiveEvent;
import io.tracker.projection.domain.InvestmentView;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.Stage;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.domain.Timeline;
import io.tracker.projection.domain.TimelineEntry;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/** The read models computed from the producers' golden samples, without a broker: the story of the first case. */
class SampleStoryTest {
    private static final String ID = "story";
    private final RecordReader reader = new RecordReader();

    @Test
    void februaryMouSignedCommitteeFormedForumAndMissionOnlyAnnounced() {
        AgreementStatus s = status(Stories.february(ID), AsOf.NOW);
        assertEquals(Stage.COMMITTEE_FORMED, s.stage());
        assertEquals("Canada–Korea industrial cooperation", s.title());
        assertEquals(List.of("CA", "KR"), s.parties());
        // the delegation talks (v3, corrected to late January) are among the milestones, not only on the timeline
        assertEquals(
                List.of("leaders' meeting: held", "delegation talks: held", "MOU: signed", "committee: formed"),
                s.milestonesReached().stream().map(Milestone::summary).toList());
        assertEquals(
                List.of(
                        "forum: announced, not established",
                        "trade mission 'Team Canada Trade Mission to the Republic of Korea': announced, not completed"),
                s.milestonesPending().stream().map(Milestone::summary).toList());
        assertEquals("committee: formed", s.lastMilestone().summary());
        assertFalse(s.binding());
        assertEquals(1, s.instruments().size());
        assertTrue(s.participants().stream().anyMatch(p -> p.name().equals("Hoon-Sik Kang")));
        assertTrue(s.focusAreas().contains("CRITICAL_MINERALS"));
    }

    @Test
    void asOfABusinessDateOnlyWhatHadHappenedCounts() {
        AsOf autumn = new AsOf(LocalDate.parse("2025-12-01"), null);
        AgreementStatus s = status(Stories.february(ID), autumn);
        assertEquals(Stage.LEADERS_ENGAGED, s.stage());
        assertTrue(s.milestonesPending().isEmpty());
        Timeline t = Timeline.of(ID, events(Stories.february(ID)), autumn).orElseThrow();
        assertEquals(
                List.of(1L, 2L, 9L),
                t.entries().stream().map(TimelineEntry::streamVersion).toList());
        assertEquals(EffectiveEvent.Standing.RETRACTED, t.entries().get(2).standing());
    }

    @Test
    void asOfInsideAnImpreciseDateTheAnswerSaysPossibly() {
        // the leaders met in "late October 2025" (21–31): as of 25 October they may or may not have met yet
        AsOf october25 = new AsOf(LocalDate.parse("2025-10-25"), null);
        AgreementStatus s = status(Stories.february(ID), october25);
        assertTrue(s.milestonesReached().isEmpty(), s.milestonesReached().toString());
        assertEquals(
                List.of("leaders' meeting: possibly held by then (dated 2025-10-late)"),
                s.milestonesPossiblyReached().stream().map(Milestone::summary).toList());
        assertEquals(
                Milestone.State.POSSIBLY_REACHED,
                s.milestonesPossiblyReached().get(0).state());
        assertEquals(Stage.OPENED, s.stage());
        assertEquals(Stage.LEADERS_ENGAGED, s.possibleProgress());
        assertNull(s.lastMilestone());
        Timeline t = Timeline.of(ID, events(Stories.february(ID)), october25).orElseThrow();
        assertEquals(
                List.of(1L, 2L, 9L),
                t.entries().stream().map(TimelineEntry::streamVersion).toList());
        assertTrue(t.entries().stream().allMatch(TimelineEntry::possibly));
        // once the interval is over, certainly
        AgreementStatus november = status(Stories.february(ID), new AsOf(LocalDate.parse("2025-11-01"), null));
        assertEquals(
                List.of("leaders' meeting: held"),
                november.milestonesReached().stream().map(Milestone::summary).toList());
        assertTrue(november.milestonesPossiblyReached().isEmpty());
        assertNull(november.possibleProgress());
        assertEquals(Stage.LEADERS_ENGAGED, november.stage());
    }

    @Test
    void announcedItemsLabelledAsAnnouncedAndPlacedWhenExpected() {
        Timeline t = Timeline.of(ID, events(Stories.february(ID)), AsOf.NOW).orElseThrow();
        // what happened by its date; the mission expected in spring 2026, the forum some time in 2026: last
        assertEquals(
                List.of(1L, 2L, 9L, 3L, 4L, 5L, 7L, 6L),
                t.entries().stream().map(TimelineEntry::streamVersion).toList());
        TimelineEntry forum = entry(t, 6);
        assertEquals("forum: announced, not established", forum.label());
        assertTrue(forum.expected());
        assertEquals("trade mission announced, not completed", entry(t, 7).label());
        assertEquals("MOU signed", entry(t, 4).label());
        assertFalse(entry(t, 4).expected());
        assertTrue(t.entries().stream().noneMatch(TimelineEntry::possibly));
    }

    @Test
    void knownAtShowsWhatWasKnownIncludingLaterCorrections() {
        List<RecordedEvent> events = events(Stories.february(ID));
        Timeline before = Timeline.of(ID, events, new AsOf(null, Instant.parse("2026-02-02T14:12:00Z")))
                .orElseThrow();
        assertEquals(3, before.entries().size());
        assertEquals("2026-01-29", entry(before, 3).date().text());
        Timeline between = Timeline.of(ID, events, new AsOf(null, Instant.parse("2026-02-02T15:35:00Z")))
                .orElseThrow();
        assertEquals("2026-01-late", entry(between, 3).date().text());
        assertEquals(EffectiveEvent.Standing.CORRECTED, entry(between, 3).standing());
        assertEquals(EffectiveEvent.Standing.IN_FORCE, entry(between, 9).standing());
        Timeline now = Timeline.of(ID, events, AsOf.NOW).orElseThrow();
        assertEquals(EffectiveEvent.Standing.RETRACTED, entry(now, 9).standing());
        assertEquals(10L, entry(now, 9).amendments().get(0).streamVersion());
    }

    @Test
    void juneStalledResumedMissionCompletedAgreementConcluded() {
        List<Sample> all = new ArrayList<>(Stories.february(ID));
        all.addAll(Stories.june(ID));
        AgreementStatus now = status(all, AsOf.NOW);
        assertEquals(Stage.CONCLUDED, now.stage());
        assertTrue(now.binding());
        assertEquals(
                Stage.STALLED,
                status(all, new AsOf(LocalDate.parse("2026-03-15"), null)).stage());
        assertEquals(
                Stage.COMMITTEE_FORMED,
                status(all, new AsOf(LocalDate.parse("2026-04-15"), null)).stage());
        // the mission was completed "in May 2026": as of 15 May only possibly, so not yet counted
        AgreementStatus may15 = status(all, new AsOf(LocalDate.parse("2026-05-15"), null));
        assertEquals(Stage.COMMITTEE_FORMED, may15.stage());
        assertEquals(Stage.IMPLEMENTATION, may15.possibleProgress());
        // as of 1 June: May is over (implementation), the agreement "concluded in June" only possibly, nothing binding
        // yet
        AgreementStatus june1 = status(all, new AsOf(LocalDate.parse("2026-06-01"), null));
        assertEquals(Stage.IMPLEMENTATION, june1.stage());
        assertEquals(Stage.CONCLUDED, june1.possibleProgress());
        assertFalse(june1.binding());
        assertEquals(
                Stage.CONCLUDED,
                status(all, new AsOf(LocalDate.parse("2026-06-30"), null)).stage());
        assertEquals(
                Stage.STALLED,
                status(all, new AsOf(null, Instant.parse("2026-06-15T09:02:00Z")))
                        .stage());
    }

    @Test
    void investmentsTotalsPerCurrencyWithUndisclosedApart() {
        Map<String, List<RecordedEvent>> streams = new LinkedHashMap<>();
        for (RecordedEvent e : events(Stories.investments(ID, "x"))) {
            streams.computeIfAbsent(e.streamId(), k -> new ArrayList<>()).add(e);
        }
        AgreementInvestments inv = AgreementInvestments.of(ID, streams, AsOf.NOW);
        assertEquals(4, inv.investments().size());
        InvestmentView lges = inv.investments().stream()
                .filter(v -> v.investmentId().equals("lges-x"))
                .findFirst()
                .orElseThrow();
        assertEquals("5000000000.00", lges.amount().amount().toPlainString());
        assertEquals(InvestmentView.State.COMMITTED, lges.state());
        assertEquals(List.of("GOVERNMENT_SUPPORT_SECURED"), lges.milestones());
        assertEquals("Stellantis N.V.", lges.partners().get(0).name());
        assertEquals(3, inv.total().investments());
        assertEquals(1, inv.total().undisclosed());
        assertEquals(2, inv.total().disclosed().size());
        assertEquals("CAD", inv.total().disclosed().get(0).currency());
        assertEquals("5000000000.00", inv.total().disclosed().get(0).amount().toPlainString());
        assertEquals("USD", inv.total().disclosed().get(1).currency());
    }

    private AgreementStatus status(List<Sample> samples, AsOf asOf) {
        return AgreementStatusCalculator.status(ID, events(samples), asOf).orElseThrow();
    }

    private List<RecordedEvent> events(List<Sample> samples) {
        List<RecordedEvent> events = new ArrayList<>();
        for (Sample s : samples) {
            Incoming in = reader.read(
                    s.toConsumerRecord(0), s.isInvestment() ? StreamKind.INVESTMENT : StreamKind.NEGOTIATION);
            if (in instanceof Incoming.Poison p) {
                throw new AssertionError(s.type() + ": " + p.detail());
            }
            events.add(((Incoming.Event) in).event());
        }
        return events;
    }

    private static TimelineEntry entry(Timeline t, long version) {
        return t.entries().stream()
                .filter(e -> e.streamVersion() == version)
                .findFirst()
                .orElseThrow();
    }
}
