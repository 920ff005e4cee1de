package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AsOf;

/** The kept current statuses: only a status resting on exactly the stored facts is answered; bounded in bytes. */
class CurrentStatusesKeptTest {

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
                new AgreementStatus.Basis(events, lastVersion, Instant.parse("2026-01-29T00:00:00Z")));
    }

    @Test
    void aKeptStatusIsAnsweredOnlyForTheSameFactsOfTheSameGeneration() {
        CurrentStatuses.Kept kept = new CurrentStatuses.Kept(1 << 20);
        AgreementStatus s = status("ca-kr", "Canada–Korea", 4, 4);
        kept.put("ca-kr", 1, s);
        assertSame(s, kept.get("ca-kr", 1, 4, 4));
        assertNull(kept.get("ca-kr", 1, 5, 5), "a fact more");
        assertNull(kept.get("ca-kr", 1, 5, 4), "a fact more below the highest version");
        assertNull(kept.get("ca-kr", 2, 4, 4), "another generation (a rebuild switched over)");
        assertNull(kept.get("other", 1, 4, 4));
    }

    @Test
    void theKeptStatusesStayWithinTheirBytesLeastRecentlyAskedFirstOut() {
        long one = CurrentStatuses.estimate(status("a-0", "t", 1, 1));
        CurrentStatuses.Kept kept = new CurrentStatuses.Kept(3 * one + one / 2);
        for (int i = 0; i < 3; i++) {
            kept.put("a-" + i, 1, status("a-" + i, "t", 1, 1));
        }
        assertEquals(3, kept.entries());
        assertNotNull(kept.get("a-0", 1, 1, 1)); // a-0 asked: a-1 is now the least recent
        kept.put("a-3", 1, status("a-3", "t", 1, 1));
        assertEquals(3, kept.entries());
        assertTrue(kept.bytes() <= 3 * one + one / 2, "bytes " + kept.bytes());
        assertNull(kept.get("a-1", 1, 1, 1), "the least recently asked went first");
        assertNotNull(kept.get("a-0", 1, 1, 1));
        assertNotNull(kept.get("a-3", 1, 1, 1));

        // a newer status of a kept agreement replaces it (bytes counted once)
        long before = kept.bytes();
        kept.put("a-3", 1, status("a-3", "t", 2, 2));
        assertEquals(before, kept.bytes());
        assertNull(kept.get("a-3", 1, 1, 1));
        assertNotNull(kept.get("a-3", 1, 2, 2));

        // larger than the whole budget: not kept, and the older status of it is gone too
        kept.put("a-0", 1, status("a-0", "t".repeat(10_000), 2, 2));
        assertNull(kept.get("a-0", 1, 1, 1));
        assertNull(kept.get("a-0", 1, 2, 2));
        assertEquals(kept.entries() * one, kept.bytes());
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        CurrentStatuses.Kept kept = new CurrentStatuses.Kept(0);
        kept.put("a", 1, status("a", "t", 1, 1));
        assertEquals(0, kept.entries());
        assertEquals(0, kept.bytes());
        assertNull(kept.get("a", 1, 1, 1));
    }
}
