package io.tracker.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RulesTest {

    @Test
    void theFirstViolationWinsAndTheRulesAfterItDoNotRun() {
        List<String> ran = new ArrayList<>();
        DomainError error = Rules.check(() -> {
                    ran.add("a");
                    return null;
                })
                .and(() -> {
                    ran.add("b");
                    return Rules.violation("b-broken", "b is broken", "b");
                })
                .and(() -> {
                    ran.add("c");
                    return Rules.violation("c-broken", "c is broken", "c");
                })
                .firstViolation();
        assertEquals(new DomainError(DomainError.Kind.RULE_VIOLATED, "b-broken", "b is broken", "b"), error);
        assertEquals(List.of("a", "b"), ran);
    }

    @Test
    void acceptMakesTheEventOnlyWhenEveryRuleHolds() {
        Decision<String> accepted = Rules.check(() -> null).accept(() -> "done");
        assertEquals(List.of("done"), ((Decision.Accepted<String>) accepted).events());

        Decision<String> rejected = Rules.check(() -> Rules.required(" ", "title"))
                .accept(() -> {
                    throw new AssertionError("no event for a rejected command");
                });
        DomainError error = assertInstanceOf(Decision.Rejected.class, rejected).error();
        assertEquals("value-required", error.code());
        assertEquals("title is required", error.message());
        assertEquals("title", error.field());
    }

    @Test
    void eachNamesTheItemByItsPlaceAndStopsAtTheFirstViolation() {
        List<Integer> seen = new ArrayList<>();
        DomainError error = Rules.none()
                .each(List.of("ok", "", "also bad"), "names", (name, at, i) -> {
                    seen.add(i);
                    return Rules.required(name, at);
                })
                .firstViolation();
        assertEquals("names[1]", error.field());
        assertEquals(List.of(0, 1), seen);
    }

    @Test
    void eachIsNotReachedAfterAViolationSoItMayRelyOnTheListBeingThere() {
        DomainError error = Rules.check(() -> Rules.required(null, "items"))
                .each(null, "items", (item, at, i) -> null)
                .firstViolation();
        assertEquals("items", error.field());
    }

    @Test
    void requiredRefusesBlankTextButPresentOnlyNull() {
        assertNull(Rules.present(" ", "x"));
        assertEquals("value-required", Rules.required(" ", "x").code());
        assertEquals("value-required", Rules.present(null, "x").code());
        assertNull(Rules.required(3, "x"));
    }

    @Test
    void aWebAddressIsAnAbsoluteHttpAddressWithAHost() {
        assertTrue(Rules.isWebAddress("https://www.canada.ca/en/news.html"));
        assertTrue(Rules.isWebAddress("http://example.org"));
        assertFalse(Rules.isWebAddress("ftp://example.org/file"));
        assertFalse(Rules.isWebAddress("www.example.org"));
        assertFalse(Rules.isWebAddress("https:///no-host"));
        assertFalse(Rules.isWebAddress("https://exa mple.org"));
    }
}
