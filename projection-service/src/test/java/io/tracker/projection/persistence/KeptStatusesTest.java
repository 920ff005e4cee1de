package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.CurrentStatusFold;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.FactDetails;
import io.tracker.projection.domain.FactStatus;
import io.tracker.projection.domain.Instrument;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.MilestoneKind;
import io.tracker.projection.domain.NegotiationFact;
import io.tracker.projection.domain.Participant;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;

/**
 * The kept current statuses: only a status resting on exactly the stored facts is answered; bounded in bytes,
 * their folds counted.
 */
class KeptStatusesTest {
    private static final Instant AT = Instant.parse("2026-01-29T00:00:00Z");

    private static AgreementStatus status(String id, String title, int events, long lastVersion) {
        return status(id, title, events, lastVersion, List.of());
    }

    /** A status with these participants and nothing else but its parties. */
    private static AgreementStatus status(
            String id, String title, int events, long lastVersion, List<Participant> participants) {
        return new AgreementStatus(
                id,
                title,
                List.of("CA", "KR"),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                false,
                List.of(),
                participants,
                List.of(),
                AsOf.NOW,
                new AgreementStatus.Basis(events, lastVersion, AT));
    }

    /**
     * The facts of an agreement: leaders' meetings, each naming {@code people} people; the n-th meeting names the
     * n-th to (n + people - 1)-th person of a list ({@code newPeople}: a new list each meeting, or the same people).
     */
    static List<RecordedEvent> facts(String id, int events, int people, boolean newPeople) {
        List<RecordedEvent> h = new ArrayList<>();
        for (int v = 1; v <= events; v++) {
            List<Participant> named = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                named.add(new Participant("Person " + (newPeople ? v * people + p : p), "Minister", "CA"));
            }
            FactDetails details = new FactDetails(
                    BusinessDate.parse("2026-01-29"), FactStatus.OCCURRED, named, null, List.of("TRADE"), List.of());
            h.add(new RecordedEvent(
                    StreamKind.NEGOTIATION,
                    id,
                    v,
                    UUID.randomUUID(),
                    EventType.LEADERS_MET,
                    AT,
                    new NegotiationFact(details, "Summit", null, null, List.of(), List.of())));
        }
        return h;
    }

    /** A status with an empty fold (as if every row read had been skipped). */
    private static KeptStatuses.Kept kept(String id, String title, int events, long lastVersion) {
        return new KeptStatuses.Kept(
                1, 1_000 + events, lastVersion, CurrentStatusFold.empty(id), status(id, title, events, lastVersion));
    }

    static KeptStatuses.Kept folded(String id, List<RecordedEvent> facts) {
        CurrentStatusFold fold = CurrentStatusFold.of(id, facts);
        return new KeptStatuses.Kept(
                1, 1_000 + facts.size(), facts.size(), fold, fold.status().orElseThrow());
    }

    @Test
    void aKeptStatusRestsOnlyOnTheSameFactsOfTheSameGeneration() {
        KeptStatuses kept = new KeptStatuses(1 << 20);
        KeptStatuses.Kept k = kept("ca-kr", "Canada–Korea", 4, 4);
        kept.put("ca-kr", k);
        assertSame(k, kept.get("ca-kr"));
        assertTrue(k.restsOn(1, 1_004));
        assertTrue(!k.restsOn(1, 1_005), "the list row written again (facts were added with it)");
        assertTrue(!k.restsOn(2, 1_004), "another generation (a rebuild switched over)");
        assertNull(kept.get("other"));
    }

    @Test
    void theFoldIsCountedByWhatItKeepsNotByTheEvents() {
        KeptStatuses.Kept bare = kept("a", "t", 3, 3);
        assertEquals(
                KeptStatuses.estimate(bare.status())
                        + CurrentStatusFold.empty("a").estimatedBytes(),
                KeptStatuses.estimate(bare));
        KeptStatuses.Kept five = folded("a", facts("a", 5, 4, false));
        assertEquals(KeptStatuses.estimate(five.status()) + five.fold().estimatedBytes(), KeptStatuses.estimate(five));
        assertTrue(KeptStatuses.estimate(five) > KeptStatuses.estimate(bare));
        // 70 meetings of the same people: the same status and fold as 5 of them, but for the basis's numbers
        KeptStatuses.Kept seventy = folded("a", facts("a", 70, 4, false));
        assertEquals(five.fold().estimatedBytes(), seventy.fold().estimatedBytes());
        assertTrue(KeptStatuses.estimate(seventy) < KeptStatuses.estimate(five) + 16);
        // 70 meetings of new people each: every one of them is in the status, and in the fold
        KeptStatuses.Kept crowd = folded("a", facts("a", 70, 4, true));
        assertEquals(280, crowd.status().participants().size());
        assertTrue(crowd.fold().estimatedBytes() > 280 * 100, "" + crowd.fold().estimatedBytes());
    }

    @Test
    void theKeptStatusesStayWithinTheirBytesLeastRecentlyAskedFirstOut() {
        long one = KeptStatuses.estimate(kept("a-0", "t", 1, 1));
        KeptStatuses kept = new KeptStatuses(3 * one + one / 2);
        for (int i = 0; i < 3; i++) {
            kept.put("a-" + i, kept("a-" + i, "t", 1, 1));
        }
        assertEquals(3, kept.entries());
        assertNotNull(kept.get("a-0")); // a-0 asked: a-1 is now the least recent
        kept.put("a-3", kept("a-3", "t", 1, 1));
        assertEquals(3, kept.entries());
        assertTrue(kept.bytes() <= 3 * one + one / 2, "bytes " + kept.bytes());
        assertNull(kept.get("a-1"), "the least recently asked went first");
        assertNotNull(kept.get("a-0"));
        assertNotNull(kept.get("a-3"));

        // a newer status of a kept agreement replaces it (bytes counted once)
        long before = kept.bytes();
        kept.put("a-3", kept("a-3", "t", 2, 2));
        assertEquals(before, kept.bytes());
        assertTrue(kept.get("a-3").restsOn(1, 1_002));

        // larger than the whole budget: not kept, and the older status of it is gone too
        kept.put("a-0", kept("a-0", "t".repeat(10_000), 2, 2));
        assertNull(kept.get("a-0"));
        assertEquals(kept.entries() * one, kept.bytes());
    }

    @Test
    void foldsTakeTheirShareOfTheBudget() {
        long bare = KeptStatuses.estimate(kept("h-0", "t", 5, 5));
        long full = KeptStatuses.estimate(folded("h-0", facts("h-0", 5, 4, true)));
        assertTrue(full > 2 * bare, full + " against " + bare);
        long budget = 2 * full + bare + 4_000;
        KeptStatuses kept = new KeptStatuses(budget);
        kept.put("h-0", folded("h-0", facts("h-0", 5, 4, true)));
        kept.put("h-1", folded("h-1", facts("h-1", 5, 4, true)));
        assertEquals(2, kept.entries());
        assertEquals(2 * full, kept.bytes());
        kept.put(
                "h-2", folded("h-2", facts("h-2", 5, 4, true))); // three statuses alone would fit, not with their folds
        assertEquals(2, kept.entries());
        assertNull(kept.get("h-0"), "the least recently asked went first");
        assertEquals(2 * full, kept.bytes());

        // an extension replaces the fold it extends: counted once, grown by what its new facts add
        KeptStatuses.Kept h1 = kept.get("h-1");
        CurrentStatusFold extended = h1.fold().copy();
        assertTrue(extended.add(facts("h-1", 6, 5, true).get(5))); // five new people
        KeptStatuses.Kept six =
                new KeptStatuses.Kept(1, 1_006, 6, extended, extended.status().orElseThrow());
        kept.put("h-1", six);
        assertEquals(full + KeptStatuses.estimate(six), kept.bytes());
        assertTrue(KeptStatuses.estimate(six) > full, "five new participants");
        assertTrue(kept.bytes() <= budget);
    }

    @Test
    void aStatusIsCountedByWhatItHolds() {
        BusinessDate jan29 = BusinessDate.parse("2026-01-29");
        Participant minister = new Participant("Mélanie Joly", "Minister of Industry", "CA");
        Participant kim = new Participant("Kim Jung-kwan", "Minister of Trade, Industry and Energy", "KR");
        Milestone mou = new Milestone(
                MilestoneKind.MOU, Milestone.State.REACHED, "MOU: signed", "Industrial cooperation MOU", jan29, 7);
        Milestone committee = new Milestone(
                MilestoneKind.COMMITTEE,
                Milestone.State.ANNOUNCED,
                "committee: announced, not established",
                null,
                jan29,
                8);
        Instrument instrument = new Instrument(
                Instrument.Kind.MOU,
                "Industrial cooperation MOU",
                false,
                FactStatus.OCCURRED,
                jan29,
                7,
                List.of(minister, kim));
        AgreementStatus bare = status("ca-kr", "Canada–Korea", 8, 8);
        AgreementStatus rich = new AgreementStatus(
                "ca-kr",
                "Canada–Korea",
                List.of("CA", "KR"),
                null,
                null,
                null,
                null,
                mou,
                List.of(mou),
                List.of(),
                List.of(committee),
                false,
                List.of(instrument),
                List.of(minister, kim),
                List.of("batteries", "critical minerals"),
                AsOf.NOW,
                new AgreementStatus.Basis(8, 8, AT));

        // every string it holds, at two bytes a character, and more: its objects
        long text = 0;
        for (String t : List.of("ca-kr", "Canada–Korea", "CA", "KR", "batteries", "critical minerals")) {
            text += t.length();
        }
        for (Milestone m : List.of(mou, mou, committee)) {
            text += m.summary().length()
                    + (m.title() == null ? 0 : m.title().length())
                    + m.date().text().length();
        }
        text += instrument.title().length() + jan29.text().length();
        for (Participant p : List.of(minister, kim, minister, kim)) {
            text += p.name().length() + p.role().length() + p.country().length();
        }
        assertTrue(KeptStatuses.estimate(rich) > 2 * text, KeptStatuses.estimate(rich) + " against " + 2 * text);
        assertTrue(KeptStatuses.estimate(rich) > KeptStatuses.estimate(bare) + text);

        // a longer title: two bytes a character more, nothing else
        AgreementStatus longer = status("ca-kr", "Canada–Korea" + "x".repeat(100), 8, 8);
        assertEquals(KeptStatuses.estimate(bare) + 200, KeptStatuses.estimate(longer));
        // a list with a hole in it (the old text form printed "null"): counted without it
        List<Participant> withHole = new ArrayList<>(List.of(minister));
        withHole.add(null);
        AgreementStatus holed = status("ca-kr", "Canada–Korea", 8, 8, withHole);
        assertTrue(KeptStatuses.estimate(holed) > KeptStatuses.estimate(bare));
        // the basis's numbers hold no more memory when they grow
        assertEquals(KeptStatuses.estimate(bare), KeptStatuses.estimate(status("ca-kr", "Canada–Korea", 70, 70)));
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        KeptStatuses kept = new KeptStatuses(0);
        kept.put("a", kept("a", "t", 1, 1));
        assertEquals(0, kept.entries());
        assertEquals(0, kept.bytes());
        assertNull(kept.get("a"));
    }
}
