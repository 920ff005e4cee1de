package io.tracker.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PendingMigrationsTest {

    private static final List<String> FILES = List.of(
            "db/eventstore/V1__event_store.sql", "db/eventstore/V10__snapshots.sql", "db/investment/V100__x.sql");

    @Test
    void nothingIsPendingWhenEveryVersionIsApplied() {
        assertEquals(Optional.of(List.of()), PendingMigrations.of(FILES, List.of("1", "10", "100")));
    }

    @Test
    void listsTheMissingVersionsInOrderIncludingAGapBelowTheHighest() {
        assertEquals(Optional.of(List.of("10", "100")), PendingMigrations.of(FILES, List.of("1")));
        assertEquals(Optional.of(List.of("10")), PendingMigrations.of(FILES, List.of("1", "100")));
    }

    @Test
    void aNewDatabaseMissesAll() {
        assertEquals(Optional.of(List.of("1", "10", "100")), PendingMigrations.of(FILES, List.of()));
    }

    @Test
    void versionsCompareAsFlywayReadsThem() {
        assertEquals(
                Optional.of(List.of()),
                PendingMigrations.of(List.of("V1_1__a.sql", "V2.0__b.sql"), List.of("1.1", "2")));
    }

    @Test
    void aRepeatableOrUnknownFileLeavesTheAnswerToFlyway() {
        assertTrue(PendingMigrations.of(List.of("V1__a.sql", "R__view.sql"), List.of("1"))
                .isEmpty());
        assertTrue(PendingMigrations.of(List.of("U1__undo.sql"), List.of("1")).isEmpty());
    }
}
