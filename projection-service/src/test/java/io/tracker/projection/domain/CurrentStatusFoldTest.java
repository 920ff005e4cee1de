package io.tracker.projection.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The fold gives, after every event, what the calculator gives over the whole history so far (AsOf.NOW): random
 * sequences of every negotiation type, figures, corrections and retractions (of facts, status changes, figures,
 * amendments, versions not arrived yet), arriving now and then out of version order or twice; whenever the fold
 * refuses an event, a new fold from the whole history goes on; now and then a copy is extended instead. And what it keeps does not grow with facts that add nothing.
 */
class CurrentStatusFoldTest {
    private static final String ID = "ca-kr";
    private static final Instant T0 = Instant.parse("2026-02-02T14:00:00Z");
    private static final List<String> DATES = List.of(
            "2025-10-late",
            "2025-10-30",
            "2025-10",
            "2026",
            "2026-01-29",
            "2026-01-late",
            "2026-Q2",
            "2026-spring",
            "2026-06",
            "2026-06-01");
    private static final List<EventType> TYPES = List.of(
            EventType.NEGOTIATION_OPENED,
            EventType.LEADERS_MET,
            EventType.TALKS_HELD,
            EventType.MOU_SIGNED,
            EventType.COMMITTEE_FORMED,
            EventType.FORUM_ESTABLISHED,
            EventType.TRADE_MISSION_ANNOUNCED,
            EventType.TRADE_MISSION_COMPLETED,
            EventType.AGREEMENT_CONCLUDED,
            EventType.NEGOTIATION_STALLED,
            EventType.NEGOTIATION_RESUMED,
            EventType.NEGOTIATION_TERMINATED,
            EventType.INDICATOR_RECORDED,
            EventType.CLAIM_RETRACTED,
            EventType.FACT_CORRECTED,
            EventType.FACT_RETRACTED);
    private static final List<String> TITLES =
            Arrays.asList(null, "", "  ", "Canada–Korea", "Second", "DELEGATION", "MINISTERIAL");
    private static final List<String> MISSIONS = Arrays.asList(null, "m1", "m2", "v3");
    private static final List<Participant> PEOPLE = Arrays.asList(
            null,
            new Participant(null, "Minister", "CA"),
            new Participant("A. Person", null, "CA"),
            new Participant("a. person ", "Minister", "CA"),
            new Participant("A. PERSON", "Envoy", "CA"),
            new Participant("A. Person", "Envoy", "KR"),
            new Participant("B. Other", null, "KR"),
            new Participant("B. Other", "Chair", "KR"),
            new Participant(" b. other", "Deputy", "KR"),
            new Participant("C. Third", "Envoy", null));
    private static final List<String> AREAS = Arrays.asList(null, "TRADE", "BATTERIES", "DEFENCE", "ENERGY");
    private static final Source SOURCE = new Source("Release", "ISED", null, null, Source.Kind.OFFICIAL);

    @Test
    void theFoldGivesTheCalculatorsStatusAfterEveryEventOfRandomSequences() {
        Random random = new Random(20261203L);
        int checks = 0;
        int refused = 0;
        int extendedAfterRefusal = 0;
        for (int run = 0; run < 2000; run++) {
            List<RecordedEvent> arrived = arrival(random, sequence(random, 1 + random.nextInt(40)));
            CurrentStatusFold fold = CurrentStatusFold.empty(ID);
            List<RecordedEvent> applied = new ArrayList<>();
            long highest = 0;
            boolean rebuilt = false;
            for (RecordedEvent e : arrived) {
                applied.add(e);
                Optional<AgreementStatus> expected = AgreementStatusCalculator.status(ID, applied, AsOf.NOW);
                boolean refusable = e.type().isAmendment() || e.version() <= highest || !fold.extendable();
                highest = Math.max(highest, e.version());
                CurrentStatusFold original = random.nextInt(4) == 0 ? fold : null; // extended as a copy
                Optional<AgreementStatus> originalStatus = original == null ? null : original.status();
                fold = original == null ? fold : original.copy();
                if (fold.add(e)) {
                    assertFalse(refusable, "run " + run + ": folded " + e);
                    extendedAfterRefusal += rebuilt ? 1 : 0;
                } else {
                    assertTrue(refusable, "run " + run + ": refused " + e);
                    refused++;
                    fold = CurrentStatusFold.of(ID, applied); // the caller's fallback: the whole history
                    rebuilt = true;
                }
                String where = "run " + run + " after " + applied.size() + " of " + arrived;
                assertEquals(expected, fold.status(), where);
                assertEquals(expected, CurrentStatusFold.of(ID, applied).status(), where + " (whole history)");
                assertEquals(highest, fold.lastVersion(), where);
                if (original != null) {
                    assertEquals(originalStatus, original.status(), where + ": the fold copied is unchanged");
                }
                checks++;
            }
        }
        assertTrue(checks > 40_000, "checks: " + checks);
        assertTrue(refused > 5_000, "refused: " + refused);
        assertTrue(extendedAfterRefusal > 20_000, "folded after a fold of a whole history: " + extendedAfterRefusal);
    }

    @Test
    void aFactTheCalculatorDoesNotReadAsAFactLeavesAFoldThatKeepsJustTheStatus() {
        List<RecordedEvent> history = new ArrayList<>();
        history.add(fact(1, EventType.NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T", null, List.of()));
        // a second opening whose body is a status change: the calculator reads only the first opening's body
        history.add(event(2, EventType.NEGOTIATION_OPENED, new StatusChange(BusinessDate.parse("2025-11"), "?", null)));
        CurrentStatusFold fold = CurrentStatusFold.empty(ID);
        assertTrue(fold.add(history.get(0)));
        assertFalse(fold.add(history.get(1)), "refused");
        assertEquals(1, fold.lastVersion(), "unchanged by what it refused");
        CurrentStatusFold whole = CurrentStatusFold.of(ID, history);
        assertFalse(whole.extendable());
        assertEquals(AgreementStatusCalculator.status(ID, history, AsOf.NOW), whole.status());
        assertFalse(whole.add(fact(3, EventType.LEADERS_MET, "2026", FactStatus.OCCURRED, "L", null, List.of())));
        assertEquals(2, whole.status().orElseThrow().basis().eventsKnown());
    }

    @Test
    void aCopyIsExtendedWithoutChangingTheFoldItCameFrom() {
        CurrentStatusFold fold = CurrentStatusFold.empty(ID);
        assertTrue(fold.add(fact(1, EventType.NEGOTIATION_OPENED, "2025-10", FactStatus.OCCURRED, "T", null, PEOPLE)));
        AgreementStatus before = fold.status().orElseThrow();
        CurrentStatusFold copy = fold.copy();
        assertTrue(copy.add(fact(2, EventType.MOU_SIGNED, "2025-09", FactStatus.OCCURRED, "MOU", null, PEOPLE)));
        assertEquals(before, fold.status().orElseThrow());
        assertEquals(Stage.MOU_SIGNED, copy.status().orElseThrow().stage());
    }

    /**
     * 10,000 events that add nothing new to the status (leaders' meetings, committees, forums, facts of the same two
     * trade missions, stalls and resumptions, indicators, the same people and focus areas): what the fold keeps stays
     * the size it had after the first hundred, and its status is still the calculator's.
     */
    @Test
    void whatItKeepsDoesNotGrowWithEventsThatAddNothingNew() {
        Random random = new Random(21L);
        CurrentStatusFold fold = CurrentStatusFold.empty(ID);
        List<RecordedEvent> history = new ArrayList<>();
        List<EventType> repeated = List.of(
                EventType.LEADERS_MET,
                EventType.COMMITTEE_FORMED,
                EventType.FORUM_ESTABLISHED,
                EventType.TRADE_MISSION_ANNOUNCED,
                EventType.TRADE_MISSION_COMPLETED,
                EventType.NEGOTIATION_STALLED,
                EventType.NEGOTIATION_RESUMED,
                EventType.INDICATOR_RECORDED);
        long afterHundred = 0;
        for (int v = 1; v <= 10_000; v++) {
            EventType type = v == 1 ? EventType.NEGOTIATION_OPENED : repeated.get(random.nextInt(repeated.size()));
            RecordedEvent e = repeated(random, v, type);
            assertTrue(fold.add(e), "folded v" + v);
            history.add(e);
            if (v == 100) {
                afterHundred = fold.estimatedBytes();
            }
        }
        assertTrue(afterHundred > 0);
        assertEquals(afterHundred, fold.estimatedBytes(), "kept bytes after 100 and after 10,000 events");
        assertEquals(AgreementStatusCalculator.status(ID, history, AsOf.NOW), fold.status());
        assertEquals(afterHundred, CurrentStatusFold.of(ID, history).estimatedBytes(), "folded from the history");
    }

    /** A fact of a type seen before: the same title, people and focus areas, a random date and status. */
    private static RecordedEvent repeated(Random random, long v, EventType type) {
        BusinessDate date = BusinessDate.parse(pick(random, DATES));
        if (type.category() != EventType.Category.FACT) {
            return event(random, v, type);
        }
        FactStatus status = pick(random, List.of(FactStatus.OCCURRED, FactStatus.ANNOUNCED, FactStatus.PLANNED));
        List<Participant> people = PEOPLE.subList(2, PEOPLE.size());
        FactDetails details = new FactDetails(date, status, people, null, List.of("TRADE", "ENERGY"), List.of(SOURCE));
        String mission = type.name().startsWith("TRADE_MISSION") ? "m" + random.nextInt(2) : null;
        return event(
                v, type, new NegotiationFact(details, type.label(), null, mission, List.of("CA"), List.of()), random);
    }

    /** Random events at versions 1..n: every type (figures and amendments too), random dates, titles, people. */
    private static List<RecordedEvent> sequence(Random random, int n) {
        List<RecordedEvent> events = new ArrayList<>();
        for (int v = 1; v <= n; v++) {
            EventType type = v == 1 && random.nextInt(4) > 0 ? EventType.NEGOTIATION_OPENED : pick(random, TYPES);
            if (type == EventType.NEGOTIATION_TERMINATED && random.nextInt(3) > 0) {
                type = EventType.LEADERS_MET; // rarer, or every status would end terminated
            }
            events.add(event(random, v, type));
        }
        return events;
    }

    private static RecordedEvent event(Random random, long v, EventType type) {
        BusinessDate date = BusinessDate.parse(pick(random, DATES));
        switch (type.category()) {
            case STATUS_CHANGE:
                return event(v, type, new StatusChange(date, "why", List.of(SOURCE)), random);
            case FIGURE:
                return event(
                        v,
                        type,
                        new Figure(
                                type == EventType.CLAIM_RETRACTED ? target(random, v) : 0,
                                null,
                                new Figure.Claim("said", null, date),
                                null),
                        random);
            case CORRECTION:
                return event(
                        v, type, new NegotiationCorrection(target(random, v), details(random, date), "fix"), random);
            case RETRACTION:
                return event(v, type, new Retraction(target(random, v), "wrong", List.of()), random);
            default:
                boolean instrument = type == EventType.MOU_SIGNED || type == EventType.AGREEMENT_CONCLUDED;
                return event(
                        v,
                        type,
                        new NegotiationFact(
                                details(random, date),
                                pick(random, TITLES),
                                "about",
                                type.name().startsWith("TRADE_MISSION") ? pick(random, MISSIONS) : null,
                                type == EventType.NEGOTIATION_OPENED ? some(random, List.of("CA", "KR", "JP")) : null,
                                instrument ? some(random, PEOPLE) : List.of()),
                        random);
        }
    }

    /** Mostly an earlier version; now and then itself, a later one, or one never to come. */
    private static long target(Random random, long v) {
        int dice = random.nextInt(10);
        if (dice == 0) {
            return v + 1 + random.nextInt(3);
        }
        if (dice == 1) {
            return 1000;
        }
        return 1 + random.nextInt((int) v);
    }

    private static FactDetails details(Random random, BusinessDate date) {
        FactStatus status = pick(
                random, List.of(FactStatus.OCCURRED, FactStatus.OCCURRED, FactStatus.ANNOUNCED, FactStatus.PLANNED));
        return new FactDetails(date, status, some(random, PEOPLE), null, some(random, AREAS), List.of(SOURCE));
    }

    /** In version order, but now and then two neighbours swapped or an event delivered twice. */
    private static List<RecordedEvent> arrival(Random random, List<RecordedEvent> events) {
        List<RecordedEvent> arrived = new ArrayList<>(events);
        for (int i = 0; i + 1 < arrived.size(); i++) {
            int dice = random.nextInt(40);
            if (dice == 0) {
                Collections.swap(arrived, i, i + 1);
            } else if (dice == 1) {
                arrived.add(i + 1, arrived.get(i));
                i++;
            }
        }
        return arrived;
    }

    private static <T> List<T> some(Random random, List<T> values) {
        List<T> chosen = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(random, values));
        }
        return chosen;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static RecordedEvent fact(
            long v, EventType type, String date, FactStatus status, String title, String mission, List<Participant> p) {
        FactDetails details = new FactDetails(BusinessDate.parse(date), status, p, null, List.of("TRADE"), List.of());
        return event(v, type, new NegotiationFact(details, title, null, mission, List.of("CA", "KR"), p));
    }

    /** Recorded a minute per version, now and then a little earlier than the one before. */
    private static RecordedEvent event(long v, EventType type, EventBody body, Random random) {
        Instant at = T0.plusSeconds(60 * v - (random.nextInt(8) == 0 ? 90 : 0));
        return new RecordedEvent(StreamKind.NEGOTIATION, ID, v, UUID.randomUUID(), type, at, body);
    }

    private static RecordedEvent event(long v, EventType type, EventBody body) {
        return new RecordedEvent(StreamKind.NEGOTIATION, ID, v, UUID.randomUUID(), type, T0.plusSeconds(60 * v), body);
    }
}
