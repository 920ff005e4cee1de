package io.tracker.projection.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class BusinessDateTest {
    @Test
    void everyTextFormStandsForItsInterval() {
        check("2026-01-29", "DAY", "2026-01-29", "2026-01-29");
        check("2025-10-late", "PART_OF_MONTH", "2025-10-21", "2025-10-31");
        check("2024-02-mid", "PART_OF_MONTH", "2024-02-11", "2024-02-20");
        check("2025-10", "MONTH", "2025-10-01", "2025-10-31");
        check("2026-Q2", "QUARTER", "2026-04-01", "2026-06-30");
        check("2026-spring", "SEASON", "2026-03-01", "2026-05-31");
        check("2026-winter", "SEASON", "2025-12-01", "2026-02-28");
        check("2026", "YEAR", "2026-01-01", "2026-12-31");
        assertThrows(IllegalArgumentException.class, () -> BusinessDate.parse("2026-13"));
        assertThrows(IllegalArgumentException.class, () -> BusinessDate.parse("soon"));
    }

    @Test
    void whatHadHappenedByADayIsWhatHadBegun() {
        assertTrue(BusinessDate.parse("2026").startedBy(LocalDate.parse("2026-01-01")));
        assertTrue(!BusinessDate.parse("2026-spring").startedBy(LocalDate.parse("2026-02-28")));
    }

    private static void check(String text, String precision, String earliest, String latest) {
        BusinessDate d = BusinessDate.parse(text);
        assertEquals(precision, d.precision());
        assertEquals(LocalDate.parse(earliest), d.earliest());
        assertEquals(LocalDate.parse(latest), d.latest());
    }
}
