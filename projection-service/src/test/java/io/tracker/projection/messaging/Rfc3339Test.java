package io.tracker.projection.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The quick ce_time reader answers only what OffsetDateTime.parse answers, and the same instant. */
class Rfc3339Test {

    @Test
    void readsTheProducersFormLikeTheJdk() {
        for (String s : new String[] {
            "2026-02-01T10:00:00Z",
            "2026-02-01T10:00:00.5Z",
            "2026-02-01T10:00:00.123456Z",
            "2026-02-01T23:59:59.123456789Z",
            "2024-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z"
        }) {
            Instant quick = Rfc3339.parseUtc(s);
            assertNotNull(quick, s);
            assertEquals(OffsetDateTime.parse(s).toInstant(), quick, s);
        }
    }

    @Test
    void leavesEverythingElseToTheJdk() {
        for (String s : new String[] {
            "2026-02-30T10:00:00Z",
            "2025-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-02-01T24:00:00Z",
            "2026-02-01T10:60:00Z",
            "2026-02-01T10:00:60Z",
            "2026-02-01T10:00:00.Z",
            "2026-02-01T10:00:00.1234567890Z",
            "2026-02-01t10:00:00Z",
            "2026-02-01T10:00:00z",
            "2026-02-01T10:00:00+01:00",
            " 2026-02-01T10:00:00Z",
            "2026-02-01T10:00:00Z ",
            "2026-2-01T10:00:00Z",
            "+2026-02-01T10:00:00Z",
            "2026-02-01T10:00Z",
            "2026-02-01T1a:00:00Z",
            "2026-02-01T10:00:00,5Z"
        }) {
            assertNull(Rfc3339.parseUtc(s), s);
        }
    }

    @Test
    void randomStringsNearTheForm() {
        Random random = new Random(42);
        String alphabet = "0123456789-:TZ.+ tz";
        int quick = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] c = "2026-02-01T10:00:00.123Z".toCharArray();
            int len = 20 + random.nextInt(c.length - 19);
            char[] s = java.util.Arrays.copyOf(c, len);
            s[len - 1] = random.nextInt(10) == 0 ? 'z' : 'Z';
            for (int k = random.nextInt(3); k > 0; k--) {
                s[random.nextInt(len)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String value = new String(s);
            Instant mine = Rfc3339.parseUtc(value);
            if (mine != null) {
                quick++;
                assertEquals(OffsetDateTime.parse(value).toInstant(), mine, value);
            } else {
                try {
                    OffsetDateTime.parse(value);
                } catch (DateTimeParseException e) {
                    // both refuse it: fine (and when the JDK accepts it, the reader falls back to it)
                }
            }
        }
        assertNotNullCount(quick);
    }

    private static void assertNotNullCount(int quick) {
        assertEquals(true, quick > 1000, "the quick path read " + quick + " strings");
    }
}
