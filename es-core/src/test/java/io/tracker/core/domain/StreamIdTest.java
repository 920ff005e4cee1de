package io.tracker.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The slug rule of stream ids, in the one place it is written. */
class StreamIdTest {

    @Test
    void slugsOfThreeToSixtyFourCharactersAreStreamIds() {
        for (String id : new String[] {
            "abc", "ca-kr-industrial-cooperation", "2026-spring-mission", "a--b", "abc-", "0ab", "a" + "b".repeat(63)
        }) {
            assertTrue(StreamId.isValid(id), id);
            assertEquals(id, new StreamId(id).value());
        }
    }

    @Test
    void anythingElseIsNot() {
        for (String id : new String[] {
            null, "", "ab", "-abc", "Abc", "ab_c", "ab c", "ab.c", "abé", " abc", "abc\n", "a" + "b".repeat(64)
        }) {
            assertFalse(StreamId.isValid(id), String.valueOf(id));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new StreamId(id));
            assertTrue(refused.getMessage().endsWith(StreamId.RULE), refused.getMessage());
        }
    }

    @Test
    void thePatternIsTheRuleForBeanValidationAndTheContract() {
        // @Pattern and the contract's schemas ("^...$") take the same expression; it says what isValid does
        for (String id : new String[] {"abc", "ab", "-abc", "a" + "b".repeat(63), "a" + "b".repeat(64), "ABC"}) {
            assertEquals(StreamId.isValid(id), id.matches(StreamId.PATTERN), id);
        }
    }
}
