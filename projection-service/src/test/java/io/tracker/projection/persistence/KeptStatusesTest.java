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
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StatusChange;
import io.tracker.projection.domain.StreamKind;

/**
 * The kept current statuses: only a status resting on exactly the stored facts is answered; bounded in bytes,
 * their histories counted.
 */
class KeptStatusesTest {
    private static final Instant AT = Instant.parse("2026-01-29T00:00:00Z");

    private static AgreementStatus status(String id, String title, int events, long lastVersion) {
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
                List.of(),
                List.of(),
                AsOf.NOW,
                new AgreementStatus.Basis(events, lastVersion, AT));
    }

    private static List<RecordedEvent> history(String id, int events) {
        List<RecordedEvent> h = new ArrayList<>();
        for (int v = 1; v <= events; v++) {
            h.add(new RecordedEvent(
                    StreamKind.NEGOTIATION,
                    id,
                    v,
                    UUID.randomUUID(),
                    EventType.NEGOTIATION_STALLED,
                    AT,
                    new StatusChange(BusinessDate.parse("2026-03"), "why", List.of())));
        }
        return h;
    }

    /** A status with no history (as if every row read had been skipped). */
    private static KeptStatuses.Kept kept(String id, String title, int events, long lastVersion) {
        return new KeptStatuses.Kept(
                1, 1_000 + events, lastVersion, List.of(), 0, status(id, title, events, lastVersion));
    }

    private static KeptStatuses.Kept withHistory(String id, int events, long payloadChars) {
        return new KeptStatuses.Kept(
                1, events, events, history(id, events), payloadChars, status(id, "t", events, events));
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
    void theHistoryIsCountedEventByEventWithItsPayloads() {
        KeptStatuses.Kept bare = kept("a", "t", 3, 3);
        KeptStatuses.Kept three = withHistory("a", 3, 1_000);
        assertEquals(KeptStatuses.estimate(bare.status()), KeptStatuses.estimate(bare));
        assertEquals(
                KeptStatuses.estimate(three.status()) + 3 * (KeptStatuses.EVENT_BYTES + 2) + 2_000,
                KeptStatuses.estimate(three));
        assertTrue(KeptStatuses.estimate(withHistory("a", 70, 70_000)) > 70 * 2_000);
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
    void historiesTakeTheirShareOfTheBudget() {
        long bare = KeptStatuses.estimate(kept("h-0", "t", 5, 5));
        long full = KeptStatuses.estimate(withHistory("h-0", 5, 5 * 400));
        assertTrue(full > 2 * bare, full + " against " + bare);
        long budget = 2 * full + bare + 2_000;
        KeptStatuses kept = new KeptStatuses(budget);
        kept.put("h-0", withHistory("h-0", 5, 5 * 400));
        kept.put("h-1", withHistory("h-1", 5, 5 * 400));
        assertEquals(2, kept.entries());
        assertEquals(2 * full, kept.bytes());
        kept.put("h-2", withHistory("h-2", 5, 5 * 400)); // three statuses alone would fit, not with their histories
        assertEquals(2, kept.entries());
        assertNull(kept.get("h-0"), "the least recently asked went first");
        assertEquals(2 * full, kept.bytes());

        // an extension replaces the history it extends: counted once, grown by its new events
        KeptStatuses.Kept h1 = kept.get("h-1");
        List<RecordedEvent> longer = new ArrayList<>(h1.history());
        longer.addAll(history("h-1", 6).subList(5, 6));
        kept.put("h-1", new KeptStatuses.Kept(1, 6, 6, longer, 6 * 400, status("h-1", "t", 6, 6)));
        assertEquals(
                full + KeptStatuses.estimate(new KeptStatuses.Kept(1, 6, 6, longer, 6 * 400, status("h-1", "t", 6, 6))),
                kept.bytes());
        assertTrue(kept.bytes() <= budget);
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
