package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.Instrument;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.NegotiationCorrection;
import io.tracker.projection.domain.NegotiationFact;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.Retraction;
import io.tracker.projection.domain.StatusChange;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;

/**
 * The folded state of an agreement gives, after every event, what the status calculator gives over the whole
 * history so far: random sequences of facts, status changes, corrections and retractions (the golden samples'
 * bodies with random dates, statuses, titles and mission ids; amendments that point at facts, at status changes, at
 * other amendments, at versions not arrived yet or never to come), arriving in random order, the state stored and
 * read back (its encoding) at random points. And the same for the February and June stories of the samples.
 */
class AgreementStateTest {
    private static final String ID = "ca-kr-industrial-cooperation";
    private static final List<BusinessDate> DATES = List.of(BusinessDate.parse("2025-10-late"),
            BusinessDate.parse("2025-10-30"), BusinessDate.parse("2026"), BusinessDate.parse("2026-01-29"),
            BusinessDate.parse("2026-01-late"), BusinessDate.parse("2026-Q2"), BusinessDate.parse("2026-spring"),
            BusinessDate.parse("2026-06"));
    private static final List<EventType> FACTS = List.of(EventType.NEGOTIATION_OPENED, EventType.LEADERS_MET,
            EventType.TALKS_HELD, EventType.MOU_SIGNED, EventType.COMMITTEE_FORMED, EventType.FORUM_ESTABLISHED,
            EventType.TRADE_MISSION_ANNOUNCED, EventType.TRADE_MISSION_COMPLETED, EventType.AGREEMENT_CONCLUDED);
    private static final List<EventType> STATUS_CHANGES = List.of(EventType.NEGOTIATION_STALLED,
            EventType.NEGOTIATION_RESUMED, EventType.NEGOTIATION_TERMINATED);

    private final RecordReader reader = new RecordReader();

    @Test
    void theFoldedStateGivesTheStatusOfTheWholeHistoryForRandomSequences() {
        Map<EventType, RecordedEvent> samples = samples();
        Random random = new Random(20261201L);
        int checks = 0;
        for (int run = 0; run < 600; run++) {
            List<RecordedEvent> events = sequence(random, samples, 1 + random.nextInt(30));
            List<RecordedEvent> arrived = arrival(random, events);
            AgreementState state = AgreementState.empty(ID);
            List<RecordedEvent> applied = new ArrayList<>();
            for (RecordedEvent e : arrived) {
                state.apply(e);
                applied.add(e);
                if (random.nextBoolean()) {
                    state = AgreementStateCodec.decode(ID, AgreementStateCodec.encode(state));
                }
                assertSameRow(AgreementStatusCalculator.status(ID, applied, AsOf.NOW), state.status(),
                        "run " + run + " after " + applied.size() + " of " + arrived);
                checks++;
            }
        }
        assertTrue(checks > 5_000, "checks: " + checks);
    }

    @Test
    void theFoldedStateGivesTheStatusOfTheSampleStoriesAtEveryStep() {
        List<RecordedEvent> story = new ArrayList<>();
        for (Sample s : Stories.february(ID)) {
            story.add(decode(s));
        }
        for (Sample s : Stories.june(ID)) {
            story.add(decode(s));
        }
        AgreementState state = AgreementState.empty(ID);
        List<RecordedEvent> applied = new ArrayList<>();
        for (RecordedEvent e : story) {
            state.apply(e);
            applied.add(e);
            state = AgreementStateCodec.decode(ID, AgreementStateCodec.encode(state));
            assertSameRow(AgreementStatusCalculator.status(ID, applied, AsOf.NOW), state.status(), "after v" + e.version());
        }
        AgreementStatus end = state.status().orElseThrow();
        assertEquals("CONCLUDED", end.stage().name());
        assertEquals(14, end.basis().eventsKnown());
    }

    /** What the list row and the state's status rest on: everything but participants, focus areas, signatories. */
    private static void assertSameRow(Optional<AgreementStatus> whole, Optional<AgreementStatus> folded, String when) {
        assertEquals(whole.isPresent(), folded.isPresent(), when);
        if (whole.isEmpty()) {
            return;
        }
        assertEquals(view(whole.get()), view(folded.get()), when);
    }

    private static List<Object> view(AgreementStatus s) {
        List<Object> instruments = new ArrayList<>();
        for (Instrument i : s.instruments()) {
            instruments.add(List.of(i.kind(), String.valueOf(i.title()), i.binding(), i.status(), i.date(), i.streamVersion()));
        }
        List<Object> view = new ArrayList<>();
        view.add(String.valueOf(s.title()));
        view.add(s.parties());
        view.add(String.valueOf(s.stage()));
        view.add(String.valueOf(s.progress()));
        view.add(String.valueOf(s.stalledSince()));
        view.add(String.valueOf(s.lastMilestone()));
        view.add(milestones(s.milestonesReached()));
        view.add(milestones(s.milestonesPending()));
        view.add(s.binding());
        view.add(instruments);
        // times as the store keeps them (to the microsecond)
        view.add(List.of(s.basis().eventsKnown(), s.basis().lastVersion(),
                s.basis().lastRecordedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        return view;
    }

    private static List<String> milestones(List<Milestone> milestones) {
        return milestones.stream().map(String::valueOf).toList();
    }

    /** A stream's events in version order: v1 … v{@code n}. */
    private static List<RecordedEvent> sequence(Random random, Map<EventType, RecordedEvent> samples, int n) {
        List<RecordedEvent> events = new ArrayList<>();
        Instant t = Instant.parse("2026-02-02T14:00:00Z");
        for (int v = 1; v <= n; v++) {
            t = t.plusNanos(random.nextInt(2) == 0 ? 1_000 : 60_000_000_123L); // sub-microsecond parts too
            int dice = random.nextInt(100);
            EventType type;
            EventBody body;
            if (v == 1 || dice < 50) {
                type = v == 1 && random.nextInt(4) > 0 ? EventType.NEGOTIATION_OPENED : pick(random, FACTS);
                NegotiationFact base = (NegotiationFact) samples.get(type).body();
                String title = switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> " ";
                    default -> base.title();
                };
                String mission = type == EventType.TRADE_MISSION_ANNOUNCED || type == EventType.TRADE_MISSION_COMPLETED
                        ? pick(random, java.util.Arrays.asList("m1", "m2", null)) : base.missionId();
                body = new NegotiationFact(details(random, base.fact()), title, base.description(), mission,
                        base.parties(), base.signatories());
            } else if (dice < 62) {
                type = pick(random, STATUS_CHANGES);
                StatusChange base = (StatusChange) samples.get(type).body();
                body = new StatusChange(pick(random, DATES), base.reason(), base.sources());
            } else if (dice < 85) {
                type = EventType.FACT_CORRECTED;
                NegotiationCorrection base = (NegotiationCorrection) samples.get(type).body();
                body = new NegotiationCorrection(target(random, v), details(random, base.corrected()), base.reason());
            } else {
                type = EventType.FACT_RETRACTED;
                Retraction base = (Retraction) samples.get(type).body();
                body = new Retraction(target(random, v), base.reason(), base.sources());
            }
            events.add(new RecordedEvent(StreamKind.NEGOTIATION, ID, v, UUID.randomUUID(), type, t, body));
        }
        return events;
    }

    /** Mostly an earlier version; sometimes this one, a later one or one that never comes. */
    private static long target(Random random, int version) {
        int dice = random.nextInt(20);
        if (dice == 0) {
            return version;
        }
        if (dice == 1) {
            return version + 1 + random.nextInt(3);
        }
        return version == 1 ? 1 : 1 + random.nextInt(version - 1);
    }

    private static FactDetails details(Random random, FactDetails base) {
        return new FactDetails(pick(random, DATES), pick(random, List.of(FactStatus.values())), base.participants(),
                base.place(), base.focusAreas(), base.sources());
    }

    /** In version order, shuffled within windows, or wholly shuffled. */
    private static List<RecordedEvent> arrival(Random random, List<RecordedEvent> events) {
        List<RecordedEvent> order = new ArrayList<>(events);
        int dice = random.nextInt(10);
        if (dice < 5) {
            return order;
        }
        if (dice < 8) {
            for (int i = 0; i + 1 < order.size(); i++) {
                if (random.nextInt(4) == 0) {
                    Collections.swap(order, i, i + 1);
                }
            }
            return order;
        }
        Collections.shuffle(order, random);
        return order;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One decoded golden sample per negotiation event type. */
    private Map<EventType, RecordedEvent> samples() {
        Map<EventType, RecordedEvent> samples = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            if (type.stream() == StreamKind.NEGOTIATION) {
                samples.put(type, decode(Sample.of(type.typeName()).inStream(ID)));
            }
        }
        return samples;
    }

    private RecordedEvent decode(Sample sample) {
        return ((Incoming.Event) reader.read(sample.toConsumerRecord(0), StreamKind.NEGOTIATION)).event();
    }
}
