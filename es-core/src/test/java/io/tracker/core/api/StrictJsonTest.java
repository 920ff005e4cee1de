package io.tracker.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.core.domain.BusinessDate;
import io.tracker.core.domain.Codes;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.PlausibleDates;
import io.tracker.http.Problem;

/** The JSON reader's strictness and the problems it gives, without a server (the bad-request suites cover HTTP). */
class StrictJsonTest {
    record Source(String title, String kind) {}

    record Body(String name, List<Source> sources) {}

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper();
        new StrictJson().customize(m);
        return m;
    }

    @Test
    void textIsNormalisedToNfc() throws Exception {
        Body body = mapper.readValue("{\"name\":\"Cafe\\u0301 Se\\u0301oul\",\"sources\":[]}", Body.class);
        assertEquals("Caf\u00e9 S\u00e9oul", body.name());
    }

    @Test
    void aKeyTwiceIsNamedWithItsPath() {
        Problem top = problem("{\"name\":\"a\",\"name\":\"b\"}");
        assertEquals("/problems/duplicate-key", top.type());
        assertEquals("name", top.errors().get(0).field());
        Problem nested = problem("{\"name\":\"a\",\"sources\":[{\"title\":\"t\"},{\"kind\":\"N\",\"kind\":\"O\"}]}");
        assertEquals("sources[1].kind", nested.errors().get(0).field());
    }

    @Test
    void trailingContentDepthAndNonJsonAreSaidPlainly() {
        Problem trailing = problem("{\"name\":\"a\"} {}");
        assertEquals("/problems/trailing-content", trailing.type());
        assertEquals("body", trailing.errors().get(0).field());
        // a typed body refuses the first unexpected token long before; a tree (or a free-form field) meets the limit
        String tenThousandDeep = "[".repeat(10_000) + "]".repeat(10_000);
        Problem deep =
                JsonProblems.of(assertThrows(JsonProcessingException.class, () -> mapper.readTree(tenThousandDeep)));
        assertEquals("/problems/json-too-deep", deep.type());
        assertTrue(deep.detail().contains("nested deeper than 32 levels"), deep.detail());
        Problem notJson = problem("hello");
        assertEquals("/problems/malformed-json", notJson.type());
        assertTrue(notJson.detail().startsWith("the body is not a valid JSON document (line 1"), notJson.detail());
    }

    @Test
    void invisibleAndDirectionChangingCharactersAreRefusedInAnyField() {
        for (String c : List.of(
                "\u202E", "\u202A", "\u2067", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u200F",
                "\u0085")) {
            Problem p = problem("{\"name\":\"ok\",\"sources\":[{\"title\":\"a" + c + "b\"}]}");
            assertEquals("sources[0].title", p.errors().get(0).field(), String.format("U+%04X", (int) c.charAt(0)));
            assertTrue(p.detail().contains(String.format("U+%04X", (int) c.charAt(0))), p.detail());
        }
        assertNull(StrictJson.refusal("한국 Canada – “quoted” é ß 日本"));
    }

    @Test
    void problemsNameNoJavaType() {
        for (String json : List.of(
                "{\"name\":[1]}",
                "{\"sources\":\"x\"}",
                "{\"sources\":[1]}",
                "{\"name\":\"a\"} x",
                "[]",
                "{\"name\":{}}")) {
            Problem p = problem(json);
            String text = p.detail() + " " + p.errors();
            assertFalse(text.matches("(?s).*\\b(java|io\\.tracker|com\\.fasterxml)\\.[a-z].*"), json + ": " + text);
            assertFalse(text.contains("StrictJsonTest"), json + ": " + text);
        }
    }

    @Test
    void datesOutsideThePlausibleRangeForTheirStatus() {
        LocalDate today = LocalDate.of(2026, 12, 1);
        assertTrue(PlausibleDates.refusal(BusinessDate.parse("0000-01-01"), FactStatus.OCCURRED, today)
                .contains("1900"));
        assertTrue(PlausibleDates.refusal(BusinessDate.parse("1899-12"), FactStatus.PLANNED, today) != null);
        assertNull(PlausibleDates.refusal(BusinessDate.parse("1900"), FactStatus.OCCURRED, today));
        assertNull(PlausibleDates.refusal(BusinessDate.parse("2056-Q4"), FactStatus.PLANNED, today));
        assertTrue(PlausibleDates.refusal(BusinessDate.parse("2057"), FactStatus.ANNOUNCED, today)
                .contains("2056-12-01"));
        BadFieldException e = assertThrows(
                BadFieldException.class, () -> Fields.date("fact.date", "0000", FactStatus.OCCURRED, today));
        assertEquals("fact.date", e.field());
    }

    @Test
    void nonMonetaryCurrencyCodesAreNotCurrencies() {
        for (String code : List.of("XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "CHE", "USN")) {
            assertFalse(Codes.isCurrency(code), code);
        }
        for (String code : List.of("CAD", "KRW", "USD", "EUR", "XAF", "XOF", "XCD", "XPF", "CHF")) {
            assertTrue(Codes.isCurrency(code), code);
        }
    }

    private Problem problem(String json) {
        JsonProcessingException e =
                assertThrows(JsonProcessingException.class, () -> mapper.readValue(json, Body.class));
        return JsonProblems.of(e);
    }
}
