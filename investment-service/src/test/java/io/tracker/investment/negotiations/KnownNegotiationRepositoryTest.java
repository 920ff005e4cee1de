package io.tracker.investment.negotiations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.tracker.investment.negotiations.KnownNegotiationRepository.Outcome;

/**
 * The view's one statement per change, on the real database: the first change inserts the row, a later one
 * updates it, a redelivery (at or below the row's version) changes nothing; an opening sets only the title and a
 * termination only the termination; concurrent first changes of one negotiation (two consumers in a rebalance)
 * neither fail nor both apply.
 */
@QuarkusTest
class KnownNegotiationRepositoryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KnownNegotiationRepository repository;

    @Test
    void theFirstChangeInsertsALaterOneUpdatesAndARedeliveryChangesNothing() {
        String id = newId();
        assertEquals(Outcome.APPLIED, apply(NegotiationChange.opened(id, 1, eventId(), "Canada–Korea talks")));
        KnownNegotiation opened = known(id);
        assertEquals("Canada–Korea talks", opened.title);
        assertFalse(opened.terminated);
        assertEquals(1, opened.lastVersion);

        assertEquals(Outcome.DUPLICATE, apply(NegotiationChange.opened(id, 1, eventId(), "another title")));
        assertEquals("Canada–Korea talks", known(id).title, "a redelivery changes nothing");

        LocalDate until = LocalDate.of(2026, 6, 30);
        assertEquals(Outcome.APPLIED, apply(NegotiationChange.terminated(id, 2, eventId(), "2026-06", until)));
        KnownNegotiation terminated = known(id);
        assertTrue(terminated.terminated);
        assertEquals("2026-06", terminated.terminatedOn);
        assertEquals(until, terminated.terminatedUntil);
        assertEquals("Canada–Korea talks", terminated.title, "a termination keeps the title");
        assertEquals(2, terminated.lastVersion);
        assertEquals(opened.firstSeenAt, terminated.firstSeenAt, "first seen stays");
        assertFalse(terminated.updatedAt.isBefore(opened.updatedAt));

        assertEquals(Outcome.DUPLICATE, apply(NegotiationChange.terminated(id, 2, eventId(), "2027-01", null)));
        assertEquals(Outcome.DUPLICATE, apply(NegotiationChange.opened(id, 1, eventId(), "another title")));
        KnownNegotiation after = known(id);
        assertEquals("2026-06", after.terminatedOn);
        assertEquals("Canada–Korea talks", after.title);
        assertEquals(terminated.updatedAt, after.updatedAt, "redeliveries wrote nothing");
    }

    @Test
    void aTerminationSeenFirstIsKeptByALaterChangeThatSetsTheTitle() {
        String id = newId();
        assertEquals(Outcome.APPLIED, apply(NegotiationChange.terminated(id, 2, eventId(), "2026-06", null)));
        KnownNegotiation first = known(id);
        assertNull(first.title);
        assertTrue(first.terminated);

        assertEquals(Outcome.APPLIED, apply(NegotiationChange.opened(id, 3, eventId(), "Battery supply chain")));
        KnownNegotiation later = known(id);
        assertEquals("Battery supply chain", later.title);
        assertTrue(later.terminated, "an opening never unsets a termination");
        assertEquals("2026-06", later.terminatedOn);
        assertEquals(3, later.lastVersion);
    }

    @Test
    void concurrentFirstChangesOfOneNegotiationNeitherFailNorBothApply() {
        for (int round = 0; round < 5; round++) {
            String id = newId();
            List<Uni<Outcome>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                writes.add(repository.apply(NegotiationChange.opened(id, 1, eventId(), "Concurrent")));
            }
            List<Outcome> outcomes =
                    Uni.join().all(writes).andFailFast().await().atMost(WAIT);
            assertEquals(1, outcomes.stream().filter(o -> o == Outcome.APPLIED).count(), "applied once: " + outcomes);
            assertEquals(1, known(id).lastVersion);
        }
    }

    private Outcome apply(NegotiationChange change) {
        return repository.apply(change).await().atMost(WAIT);
    }

    private KnownNegotiation known(String id) {
        return repository.byId(id).await().atMost(WAIT);
    }

    private static String newId() {
        return "repo-" + UUID.randomUUID();
    }

    private static String eventId() {
        return UUID.randomUUID().toString();
    }
}
