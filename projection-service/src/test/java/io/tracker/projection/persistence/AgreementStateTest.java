package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStateBest;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.FactStatus;
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
 * The folded state of an agreement gives, after every batch, the list row the status calculator gives over the whole
 * history so far: random sequences of facts, status changes, corrections and retractions (the golden samples'
 * bodies with random dates, statuses, titles and mission ids; amendments that point at facts, at status changes, at
 * other amendments, at versions not arrived yet or never to come), arriving in random order and random batches, the
 * state stored and read back (its encoding) at random points, its entries kept in a store that answers what the
 * database answers ({@link EntryStore}: only the entries of a batch's targets and trade missions, and the next bests
 * the fold asks for). And the same for the February and June stories of the samples. A long stream shows the state and
 * what a batch reads and writes staying bounded.
 */
class AgreementStateTest {
    private static final String ID = "ca-kr-industrial-cooperation";
    private static final List<BusinessDate> DATES = List.of(
            BusinessDate.parse("2025-10-late"),
            BusinessDate.parse("2025-10-30"),
            BusinessDate.parse("2026"),
            BusinessDate.parse("2026-01-29"),
            BusinessDate.parse("2026-01-late"),
            BusinessDate.parse("2026-Q2"),
            BusinessDate.parse("2026-spring"),
            BusinessDate.parse("2026-06"));
    private static final List<EventType> FACTS = List.of(
            EventType.NEGOTIATION_OPENED,
            EventType.LEADERS_MET,
            EventType.TALKS_HELD,
            EventType.MOU_SIGNED,
            EventType.COMMITTEE_FORMED,
            EventType.FORUM_ESTABLISHED,
            EventType.TRADE_MISSION_ANNOUNCED,
            EventType.TRADE_MISSION_COMPLETED,
            EventType.AGREEMENT_CONCLUDED);
    private static final List<EventType> STATUS_CHANGES =
            List.of(EventType.NEGOTIATION_STALLED, EventType.NEGOTIATION_RESUMED, EventType.NEGOTIATION_TERMINATED);

    private final RecordReader reader = new RecordReader();

    @Test
    void theFoldedStateGivesTheRowOfTheWholeHistoryForRandomSequences() {
        Map<EventType, RecordedEvent> samples = samples();
        Random random = new Random(20261201L);
        int checks = 0;
        int lookedUp = 0;
        for (int run = 0; run < 1500; run++) {
            List<RecordedEvent> events = sequence(random, samples, 1 + random.nextInt(30));
            List<RecordedEvent> arrived = arrival(random, events);
            EntryStore store = new EntryStore();
            AgreementState state = AgreementState.empty(ID);
            List<RecordedEvent> applied = new ArrayList<>();
            for (int i = 0; i < arrived.size(); ) {
                List<RecordedEvent> batch = arrived.subList(i, Math.min(arrived.size(), i + 1 + random.nextInt(4)));
                i += batch.size();
                lookedUp += store.fold(state, batch) ? 1 : 0;
                applied.addAll(batch);
                if (random.nextBoolean()) {
                    state = AgreementStateCodec.decode(ID, AgreementStateCodec.encode(state));
                }
                assertSameRow(
                        AgreementStatusCalculator.status(ID, applied, AsOf.NOW),
                        state.row(),
                        "run " + run + " after " + applied.size() + " of " + arrived);
                checks++;
            }
            // folded from the whole history at once (a stream without a usable state): the same head
            AgreementState whole = AgreementState.of(ID, arrived);
            assertEquals(state.head(), whole.head(), "run " + run + ": whole history folded at once");
        }
        assertTrue(checks > 8_000, "checks: " + checks);
        assertTrue(lookedUp > 500, "folds that looked up a next best: " + lookedUp);
    }

    @Test
    void theFoldedStateGivesTheRowOfTheSampleStoriesAtEveryStep() {
        List<RecordedEvent> story = new ArrayList<>();
        for (Sample s : Stories.february(ID)) {
            story.add(decode(s));
        }
        for (Sample s : Stories.june(ID)) {
            story.add(decode(s));
        }
        AgreementState state = AgreementState.empty(ID);
        EntryStore store = new EntryStore();
        List<RecordedEvent> applied = new ArrayList<>();
        for (RecordedEvent e : story) {
            store.fold(state, List.of(e));
            applied.add(e);
            state = AgreementStateCodec.decode(ID, AgreementStateCodec.encode(state));
            assertSameRow(
                    AgreementStatusCalculator.status(ID, applied, AsOf.NOW), state.row(), "after v" + e.version());
        }
        AgreementState.Row end = state.row().orElseThrow();
        assertEquals("CONCLUDED", end.stage().name());
        assertEquals(14, end.events());
    }

    /**
     * 20,000 events (facts of every kind, talks, trade missions of a few facts each, stalls and resumptions, corrections and
     * retractions of facts that decide nothing: older talks, a second MOU) in batches of 50: the stored state stays
     * under a fixed size, and each batch reads at most the entries of its targets and missions and writes only the
     * entries of its own events and targets, however long the stream already is.
     */
    @Test
    void aLongStreamKeepsTheStateAndWhatABatchReadsBounded() {
        Map<EventType, RecordedEvent> samples = samples();
        Random random = new Random(14L);
        EntryStore store = new EntryStore();
        AgreementState state = AgreementState.empty(ID);
        List<RecordedEvent> batch = new ArrayList<>();
        Instant t = Instant.parse("2026-02-02T14:00:00Z");
        int maxBytes = 0;
        int firstBytes = -1;
        long plannedTalkAt = 0;
        long announcedAt = 0;
        for (int v = 1; v <= 20_000; v++) {
            t = t.plusMillis(10);
            RecordedEvent e;
            int dice = random.nextInt(100);
            if (v == 1) {
                e = event(
                        v,
                        t,
                        EventType.NEGOTIATION_OPENED,
                        fact(
                                samples,
                                EventType.NEGOTIATION_OPENED,
                                DATES.get(0),
                                FactStatus.OCCURRED,
                                "Canada–Korea",
                                null));
            } else if (dice < 40) {
                FactStatus status = pick(random, List.of(FactStatus.OCCURRED, FactStatus.PLANNED));
                plannedTalkAt = status == FactStatus.PLANNED ? v : plannedTalkAt;
                e = event(
                        v,
                        t,
                        EventType.TALKS_HELD,
                        fact(samples, EventType.TALKS_HELD, pick(random, DATES), status, "DELEGATION", null));
            } else if (dice < 60) {
                EventType type =
                        random.nextBoolean() ? EventType.TRADE_MISSION_ANNOUNCED : EventType.TRADE_MISSION_COMPLETED;
                e = event(
                        v,
                        t,
                        type,
                        fact(
                                samples,
                                type,
                                DATES.get(0),
                                FactStatus.OCCURRED,
                                "Mission",
                                "m" + v / 20)); // a mission has a few facts
            } else if (dice < 75) {
                EventType type = pick(
                        random,
                        List.of(
                                EventType.LEADERS_MET,
                                EventType.MOU_SIGNED,
                                EventType.COMMITTEE_FORMED,
                                EventType.FORUM_ESTABLISHED));
                announcedAt = v;
                e = event(
                        v, t, type, fact(samples, type, DATES.get(DATES.size() - 1), FactStatus.ANNOUNCED, null, null));
            } else if (dice < 85) {
                EventType type = random.nextBoolean() ? EventType.NEGOTIATION_STALLED : EventType.NEGOTIATION_RESUMED;
                e = event(v, t, type, new StatusChange(pick(random, DATES), null, List.of()));
            } else if (dice < 93 && plannedTalkAt > 0) {
                // a correction of a planned talk (it decides nothing: it stays planned)
                e = event(
                        v,
                        t,
                        EventType.FACT_CORRECTED,
                        new NegotiationCorrection(
                                plannedTalkAt,
                                new FactDetails(
                                        pick(random, DATES), FactStatus.PLANNED, List.of(), null, List.of(), List.of()),
                                "re-dated"));
            } else if (announcedAt > 0) {
                // a retraction of an announcement (a pending milestone's fact)
                e = event(v, t, EventType.FACT_RETRACTED, new Retraction(announcedAt, "withdrawn", List.of()));
            } else {
                e = event(v, t, EventType.NEGOTIATION_RESUMED, new StatusChange(pick(random, DATES), null, List.of()));
            }
            batch.add(e);
            if (batch.size() == 50) {
                int read = store.read;
                store.fold(state, batch);
                int readByBatch = store.read - read;
                assertTrue(readByBatch <= 100, "entries read by the batch ending at v" + v + ": " + readByBatch);
                assertTrue(
                        state.touched().size() <= 50,
                        "entries written by the batch: " + state.touched().size());
                int bytes = AgreementStateCodec.encode(state).length;
                firstBytes = firstBytes < 0 ? bytes : firstBytes;
                maxBytes = Math.max(maxBytes, bytes);
                batch.clear();
            }
        }
        assertEquals(0, store.lookups, "no batch needed a next best");
        assertTrue(maxBytes < 1024, "largest stored state: " + maxBytes + " bytes");
        assertEquals(20_000, state.events());
    }

    private static RecordedEvent event(long v, Instant t, EventType type, EventBody body) {
        return new RecordedEvent(StreamKind.NEGOTIATION, ID, v, UUID.randomUUID(), type, t, body);
    }

    private static NegotiationFact fact(
            Map<EventType, RecordedEvent> samples,
            EventType type,
            BusinessDate date,
            FactStatus status,
            String title,
            String mission) {
        NegotiationFact base = (NegotiationFact) samples.get(type).body();
        return new NegotiationFact(
                new FactDetails(date, status, List.of(), null, List.of(), List.of()),
                title,
                null,
                mission,
                base.parties(),
                List.of());
    }

    /**
     * The entries of one stream as the database keeps them: a fold is given only what the writer's query returns
     * (the entries of the batch's targets and trade missions) and, when it needs next bests, the answers over all the
     * entries once it stored those it touched.
     */
    static final class EntryStore {
        final Map<Long, AgreementStateEntry> entries = new TreeMap<>();
        int read;
        int lookups;

        /** Folds the batch; whether it needed all the entries. */
        boolean fold(AgreementState state, List<RecordedEvent> batch) {
            Set<Long> targets = AgreementState.targets(batch);
            Set<String> missions = new java.util.HashSet<>(AgreementState.missionKeys(batch));
            targets.stream()
                    .map(entries::get)
                    .filter(e -> e != null && e.missionKey() != null)
                    .forEach(e -> missions.add(e.missionKey()));
            Map<Long, AgreementStateEntry> given = new HashMap<>();
            for (AgreementStateEntry e : entries.values()) {
                if (targets.contains(e.version()) || (e.missionKey() != null && missions.contains(e.missionKey()))) {
                    given.put(e.version(), e);
                }
            }
            read += given.size();
            state.fold(batch, given);
            state.touched().forEach(e -> entries.put(e.version(), e));
            boolean looked = !state.needs().isEmpty();
            if (looked) {
                // the writer stores the touched entries first, then asks one query per next best
                lookups++;
                Map<AgreementStateBest, List<AgreementStateEntry>> answers =
                        state.answers(List.copyOf(entries.values()));
                read += answers.values().stream().mapToInt(List::size).sum();
                state.resolve(answers);
            }
            return looked;
        }
    }

    /** What the list row rests on: title, parties, stage, last milestone, pending milestones, binding, basis. */
    private static void assertSameRow(
            Optional<AgreementStatus> whole, Optional<AgreementState.Row> folded, String when) {
        assertEquals(whole.isPresent(), folded.isPresent(), when);
        if (whole.isEmpty()) {
            return;
        }
        AgreementStatus s = whole.get();
        AgreementState.Row r = folded.get();
        assertEquals(String.valueOf(s.title()), String.valueOf(r.title()), when + ": title");
        assertEquals(s.parties(), r.parties(), when + ": parties");
        assertEquals(String.valueOf(s.stage()), String.valueOf(r.stage()), when + ": stage");
        assertEquals(lastMilestone(s.lastMilestone()), lastMilestone(r.lastMilestone()), when + ": last milestone");
        assertEquals(s.milestonesPending().size(), r.pendingMilestones(), when + ": pending milestones");
        assertEquals(s.binding(), r.binding(), when + ": binding");
        // times as the store keeps them (to the microsecond)
        assertEquals(
                List.of(
                        s.basis().eventsKnown(),
                        s.basis().lastVersion(),
                        s.basis().lastRecordedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
                List.of(r.events(), r.lastVersion(), r.lastRecordedAt()),
                when + ": basis");
    }

    private static String lastMilestone(io.tracker.projection.domain.Milestone m) {
        return m == null ? "none" : m.milestone() + " | " + m.summary() + " | " + m.date() + " | v" + m.streamVersion();
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
                String title =
                        switch (random.nextInt(4)) {
                            case 0 -> null;
                            case 1 -> " ";
                            default -> base.title();
                        };
                String mission = type == EventType.TRADE_MISSION_ANNOUNCED || type == EventType.TRADE_MISSION_COMPLETED
                        ? pick(random, java.util.Arrays.asList("m1", "m2", null))
                        : base.missionId();
                body = new NegotiationFact(
                        details(random, base.fact()),
                        title,
                        base.description(),
                        mission,
                        base.parties(),
                        base.signatories());
            } else if (dice < 62) {
                type = pick(random, STATUS_CHANGES);
                StatusChange base = (StatusChange) samples.get(type).body();
                body = new StatusChange(pick(random, DATES), base.reason(), base.sources());
            } else if (dice < 85) {
                type = EventType.FACT_CORRECTED;
                NegotiationCorrection base =
                        (NegotiationCorrection) samples.get(type).body();
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
        return new FactDetails(
                pick(random, DATES),
                pick(random, List.of(FactStatus.values())),
                base.participants(),
                base.place(),
                base.focusAreas(),
                base.sources());
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
