package io.tracker.projection.domain;

import static io.tracker.projection.domain.EventType.AGREEMENT_CONCLUDED;
import static io.tracker.projection.domain.EventType.COMMITTEE_FORMED;
import static io.tracker.projection.domain.EventType.FORUM_ESTABLISHED;
import static io.tracker.projection.domain.EventType.LEADERS_MET;
import static io.tracker.projection.domain.EventType.MOU_SIGNED;
import static io.tracker.projection.domain.EventType.NEGOTIATION_OPENED;
import static io.tracker.projection.domain.EventType.NEGOTIATION_RESUMED;
import static io.tracker.projection.domain.EventType.NEGOTIATION_STALLED;
import static io.tracker.projection.domain.EventType.NEGOTIATION_TERMINATED;
import static io.tracker.projection.domain.EventType.TRADE_MISSION_ANNOUNCED;
import static io.tracker.projection.domain.EventType.TRADE_MISSION_COMPLETED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgreementStatusCalculatorTest {
    private final Facts f = Facts.negotiation("n");

    private AgreementStatus status(List<RecordedEvent> events, AsOf asOf) {
        return AgreementStatusCalculator.status("n", events, asOf).orElseThrow();
    }

    @Test
    void theFurthestOccurredStageCountsAndAnnouncedStepsArePending() {
        List<RecordedEvent> events = List.of(
                f.fact(NEGOTIATION_OPENED, "2025-10-late", FactStatus.OCCURRED, "Title", "TRADE"),
                f.fact(MOU_SIGNED, "2026-01-29", FactStatus.OCCURRED, "MOU", "BATTERIES"),
                f.fact(FORUM_ESTABLISHED, "2026", FactStatus.ANNOUNCED, "Forum"),
                f.fact(COMMITTEE_FORMED, "2026-Q2", FactStatus.PLANNED, "Committee"));
        AgreementStatus s = status(events, AsOf.NOW);
        assertEquals(Stage.MOU_SIGNED, s.stage());
        assertEquals(
                List.of("MOU: signed"),
                s.milestonesReached().stream().map(Milestone::summary).toList());
        assertEquals(
                List.of("forum: announced, not established", "committee: planned, not formed"),
                s.milestonesPending().stream().map(Milestone::summary).toList());
        assertFalse(s.binding(), "an MOU is not binding");
        assertEquals(List.of("TRADE", "BATTERIES"), s.focusAreas());
        assertEquals("Title", s.title());
    }

    @Test
    void implementationOnlyUnderAnMouAndAgreementIsBinding() {
        List<RecordedEvent> events = new ArrayList<>(List.of(
                f.fact(NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"),
                f.fact(FORUM_ESTABLISHED, "2025-11", FactStatus.OCCURRED, "Forum")));
        assertEquals(Stage.OPENED, status(events, AsOf.NOW).stage(), "a forum without an MOU is no implementation");
        events.add(f.fact(MOU_SIGNED, "2026-01-29", FactStatus.OCCURRED, "MOU"));
        assertEquals(Stage.IMPLEMENTATION, status(events, AsOf.NOW).stage());
        events.add(f.fact(AGREEMENT_CONCLUDED, "2026-06", FactStatus.OCCURRED, "Agreement"));
        AgreementStatus s = status(events, AsOf.NOW);
        assertEquals(Stage.CONCLUDED, s.stage());
        assertTrue(s.binding());
        assertEquals("binding agreement: concluded", s.lastMilestone().summary());
    }

    @Test
    void stalledAndTerminatedOverlayTheProgressByBusinessDate() {
        List<RecordedEvent> events = List.of(
                f.fact(NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"),
                f.fact(LEADERS_MET, "2025-10", FactStatus.OCCURRED, null),
                f.statusChange(NEGOTIATION_STALLED, "2026-03"),
                f.statusChange(NEGOTIATION_RESUMED, "2026-04"),
                f.statusChange(NEGOTIATION_TERMINATED, "2026-06"));
        assertEquals(
                Stage.STALLED,
                status(events, new AsOf(LocalDate.parse("2026-03-10"), null)).stage());
        assertEquals(
                "2026-03",
                status(events, new AsOf(LocalDate.parse("2026-03-10"), null))
                        .stalledSince()
                        .text());
        assertEquals(
                Stage.LEADERS_ENGAGED,
                status(events, new AsOf(LocalDate.parse("2026-04-10"), null)).stage());
        AgreementStatus now = status(events, AsOf.NOW);
        assertEquals(Stage.TERMINATED, now.stage());
        assertEquals(Stage.LEADERS_ENGAGED, now.progress());
    }

    @Test
    void aRetractedFactNoLongerCountsAndACorrectionChangesItsStatus() {
        List<RecordedEvent> events = List.of(
                f.fact(NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"),
                f.fact(MOU_SIGNED, "2026-01-29", FactStatus.OCCURRED, "MOU"),
                f.fact(COMMITTEE_FORMED, "2026-01-29", FactStatus.OCCURRED, "Committee"),
                f.retract(3),
                f.correct(2, "2026-02", FactStatus.ANNOUNCED));
        AgreementStatus now = status(events, AsOf.NOW);
        assertEquals(Stage.OPENED, now.stage());
        assertEquals(
                List.of("MOU: announced, not signed"),
                now.milestonesPending().stream().map(Milestone::summary).toList());
        assertTrue(now.milestonesReached().isEmpty());
        // known before the retraction (minute 4) and the correction (minute 5)
        AgreementStatus before = status(events, new AsOf(null, Facts.minute(3)));
        assertEquals(Stage.COMMITTEE_FORMED, before.stage());
        assertEquals(3, before.basis().eventsKnown());
    }

    @Test
    void tradeMissionsAreFollowedByTheirId() {
        List<RecordedEvent> events = List.of(
                f.fact(NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"),
                f.mission(TRADE_MISSION_ANNOUNCED, "2026-spring", FactStatus.ANNOUNCED, "m1", "Team Canada"),
                f.mission(TRADE_MISSION_ANNOUNCED, "2026-autumn", FactStatus.PLANNED, "m2", "Second"),
                f.mission(TRADE_MISSION_COMPLETED, "2026-05", FactStatus.OCCURRED, "m1", null));
        AgreementStatus s = status(events, AsOf.NOW);
        assertEquals(
                List.of("trade mission 'Team Canada': completed"),
                s.milestonesReached().stream().map(Milestone::summary).toList());
        assertEquals(
                List.of("trade mission 'Second': planned, not completed"),
                s.milestonesPending().stream().map(Milestone::summary).toList());
        AgreementStatus april = status(events, new AsOf(LocalDate.parse("2026-04-01"), null));
        assertEquals(
                "trade mission 'Team Canada': announced, not completed",
                april.milestonesPending().get(0).summary());
    }

    @Test
    void nothingKnownYetIsNoStatus() {
        List<RecordedEvent> events = List.of(f.fact(NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T"));
        assertTrue(AgreementStatusCalculator.status("n", events, new AsOf(null, Facts.minute(0)))
                .isEmpty());
        AgreementStatus beforeItHappened = status(events, new AsOf(LocalDate.parse("2025-01-01"), null));
        assertEquals(Stage.OPENED, beforeItHappened.stage(), "the negotiation is known; nothing else had happened");
        assertNull(beforeItHappened.lastMilestone());
    }
}
