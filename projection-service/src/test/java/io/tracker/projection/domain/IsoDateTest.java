package io.tracker.projection.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link IsoDate#parse} answers as {@link LocalDate#parse} does: the same day, or the same exception and message. */
class IsoDateTest {
    @Test
    void sameAnswersAsLocalDateParse() {
        List<String> texts = new ArrayList<>(List.of(
                "2026-01-29",
                "2024-02-29",
                "2025-02-29",
                "2025-02-30",
                "2025-13-01",
                "2025-00-10",
                "2025-04-31",
                "0000-01-01",
                "9999-12-31",
                "2026-1-29",
                "2026-01-29 ",
                " 2026-01-29",
                "2026/01/29",
                "+2026-01-29",
                "20260-01-29",
                "2026-01-2x",
                "2026-01",
                "",
                "２０２６-01-29",
                "2026-01-29T00:00"));
        Random random = new Random(14);
        String alphabet = "0123456789-+x ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            if (random.nextBoolean()) {
                s.append(LocalDate.ofEpochDay(random.nextInt(800_000) - 400_000));
                if (random.nextInt(4) == 0) {
                    s.setCharAt(random.nextInt(s.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
            } else {
                int n = random.nextInt(12);
                for (int k = 0; k < n; k++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            texts.add(s.toString());
        }
        int days = 0;
        for (String text : texts) {
            String expected;
            try {
                expected = LocalDate.parse(text).toString();
                days++;
            } catch (RuntimeException e) {
                expected = e.getClass().getName() + ": " + e.getMessage();
            }
            String actual;
            try {
                actual = IsoDate.parse(text).toString();
            } catch (RuntimeException e) {
                actual = e.getClass().getName() + ": " + e.getMessage();
            }
            assertEquals(expected, actual, text);
        }
        assertEquals(true, days > 5_000, "too few valid days to compare: " + days);
    }

    @Test
    void nullIsRefusedTheSameWay() {
        Class<?> expected = thrown(() -> LocalDate.parse(null));
        assertEquals(expected, thrown(() -> IsoDate.parse(null)));
    }

    private static Class<?> thrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
