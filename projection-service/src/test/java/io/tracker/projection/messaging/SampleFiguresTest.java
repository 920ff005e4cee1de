package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Figures;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.domain.Timeline;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/** Indicators and claims from the producer's golden samples, without a broker: as-of, known-at, apart from facts. */
class SampleFiguresTest {
    private static final String ID = "figures";
    private final RecordReader reader = new RecordReader();

    /** February's facts (v1–v10), then the indicator (v15, 10:00), its correction (v16, 10:01), the claim (v18). */
    private static List<Sample> story(boolean withRetractions) {
        List<Sample> s = new ArrayList<>(Stories.february(ID));
        s.add(Sample.of("IndicatorRecorded").inStream(ID));
        s.add(Sample.of("IndicatorCorrected").inStream(ID));
        s.add(Sample.of("ClaimRecorded").inStream(ID));
        if (withRetractions) {
            s.add(Sample.of("IndicatorRetracted").inStream(ID));
            s.add(Sample.of("ClaimRetracted").inStream(ID));
        }
        return s;
    }

    @Test
    void anIndicatorAsCorrectedWithItsSourcesKinds() {
        Figures.Indicators now = Figures.indicators(ID, events(story(false)), AsOf.NOW);
        assertEquals(1, now.indicators().size());
        Figures.IndicatorView jobs = now.indicators().get(0);
        assertEquals(15, jobs.version());
        assertEquals("125000", jobs.value());
        assertEquals("MORE_THAN", jobs.qualifier(), "the correction stands");
        assertEquals("jobs", jobs.unit());
        assertNull(jobs.currency());
        assertEquals("2024", jobs.period().text());
        assertEquals(16, jobs.correctedBy());
        assertEquals(
                List.of("OFFICIAL", "ANALYST"),
                jobs.sources().stream().map(Figures.SourceView::kind).toList());
    }

    @Test
    void knownAtBeforeTheCorrectionShowsTheFigureAsFirstRecorded() {
        AsOf before = new AsOf(null, Instant.parse("2026-06-15T10:00:30Z"));
        Figures.IndicatorView jobs =
                Figures.indicators(ID, events(story(true)), before).indicators().get(0);
        assertEquals("EXACT", jobs.qualifier());
        assertEquals(0, jobs.correctedBy());
        assertEquals(
                List.of("OFFICIAL"),
                jobs.sources().stream().map(Figures.SourceView::kind).toList());
        assertTrue(
                Figures.indicators(ID, events(story(true)), AsOf.NOW)
                        .indicators()
                        .isEmpty(),
                "retracted (v17)");
        assertTrue(
                Figures.indicators(ID, events(story(true)), new AsOf(null, Instant.parse("2026-06-15T09:59:00Z")))
                        .indicators()
                        .isEmpty(),
                "not recorded yet");
    }

    @Test
    void asOfABusinessDateBeforeThePeriodShowsNoFigure() {
        assertTrue(Figures.indicators(ID, events(story(false)), new AsOf(LocalDate.parse("2023-12-31"), null))
                .indicators()
                .isEmpty());
        assertEquals(
                1,
                Figures.indicators(ID, events(story(false)), new AsOf(LocalDate.parse("2024-01-01"), null))
                        .indicators()
                        .size());
    }

    @Test
    void aClaimIsAttributedAndSaysWhenThePublisherIsNotStated() {
        Figures.Claims claims = Figures.claims(ID, events(story(false)), AsOf.NOW);
        assertEquals(1, claims.claims().size());
        Figures.ClaimView claim = claims.claims().get(0);
        assertTrue(claim.statement().contains("from the USA to Canada"));
        assertNull(claim.attributedTo().publisher());
        assertEquals("publisher not stated", claim.attributedTo().publisherText());
        assertEquals("OPINION", claim.attributedTo().kind());
        assertFalse(claim.supportsFacts());
        assertTrue(Figures.claims(ID, events(story(true)), AsOf.NOW).claims().isEmpty(), "retracted (v19)");
        assertTrue(
                Figures.indicators(ID, events(story(false)), AsOf.NOW).indicators().stream()
                        .noneMatch(i -> i.name().contains("USA")),
                "claims and indicators apart");
    }

    @Test
    void indicatorsAndClaimsChangeNoFactStatusTimelineOrSupport() {
        List<RecordedEvent> facts = events(Stories.february(ID));
        List<RecordedEvent> all = events(story(true));
        AgreementStatus without =
                AgreementStatusCalculator.status(ID, facts, AsOf.NOW).orElseThrow();
        AgreementStatus with =
                AgreementStatusCalculator.status(ID, all, AsOf.NOW).orElseThrow();
        assertEquals(without.stage(), with.stage());
        assertEquals(without.milestonesReached(), with.milestonesReached());
        assertEquals(without.milestonesPending(), with.milestonesPending());
        Timeline t = Timeline.of(ID, all, AsOf.NOW).orElseThrow();
        assertEquals(
                Timeline.of(ID, facts, AsOf.NOW).orElseThrow().entries(),
                t.entries(),
                "no timeline entry for an indicator or a claim");
        assertTrue(
                all.stream()
                        .filter(e -> e.version() >= 15)
                        .allMatch(e -> e.body().sources().isEmpty()),
                "an indicator or claim event is no fact's support");
        // the incremental state ignores them: the same status as from the facts alone
        AgreementState state = AgreementState.of(ID, all);
        assertEquals(with.stage(), state.row().orElseThrow().stage());
        assertEquals(
                with.lastMilestone().summary(),
                state.row().orElseThrow().lastMilestone().summary());
        assertEquals(with.milestonesPending().size(), state.row().orElseThrow().pendingMilestones());
    }

    private List<RecordedEvent> events(List<Sample> samples) {
        List<RecordedEvent> events = new ArrayList<>();
        for (Sample s : samples) {
            Incoming in = reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION);
            if (in instanceof Incoming.Poison p) {
                throw new AssertionError(s.type() + ": " + p.detail());
            }
            events.add(((Incoming.Event) in).event());
        }
        return events;
    }
}
