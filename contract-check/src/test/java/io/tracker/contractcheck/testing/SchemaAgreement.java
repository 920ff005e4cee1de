package io.tracker.contractcheck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.contractcheck.PublishedSchemas;
import io.tracker.contractcheck.QuickSchemaCheck;

/**
 * The quick schema check against networknt's full validation (the reference), for a consumer's test over a
 * producer's golden samples: each sample's data passes both, and for thousands of mutations of it (each field
 * removed, set to null or to a value of another type, strings emptied or made one code point, bad dates and URIs,
 * numbers below the minimum or not integers, arrays emptied or with a duplicate, objects with an extra field), the
 * check the consumer runs ({@link PublishedSchemas.Published#firstViolation}) gives the same answer as the full
 * validation: valid, or the same first violation. The quick check never says valid or invalid against it.
 */
public final class SchemaAgreement {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What the samples' mutations came to: cases, how many invalid, how many valid passed by the quick check alone. */
    public record Result(int cases, int invalid, int quickValid) {
        public Result plus(Result other) {
            return new Result(cases + other.cases, invalid + other.invalid, quickValid + other.quickValid);
        }

        /**
         * Prints the figures and asserts that the mutations reach both verdicts (over 2,000 cases, over a third
         * invalid) and that most valid ones are passed by the quick check alone.
         */
        public void assertBothVerdictsAndMostValidPassedQuickly() {
            System.out.printf(
                    "quick check: %d mutated cases, %d invalid, %d of the %d valid passed by the quick check alone%n",
                    cases, invalid, quickValid, cases - invalid);
            assertTrue(cases > 2_000 && invalid > cases / 3, cases + " cases, " + invalid + " invalid");
            assertTrue(
                    quickValid * 2 > cases - invalid,
                    quickValid + " of " + (cases - invalid) + " valid passed quickly");
        }
    }

    private SchemaAgreement() {}

    /** Asserts the agreement on every sample in {@code samples} (a producer's folder of golden CloudEvents). */
    public static Result check(PublishedSchemas schemas, String producer, Path samples) throws IOException {
        int cases = 0, quickValid = 0, invalid = 0;
        for (Path file : files(samples)) {
            JsonNode sample = JSON.readTree(file.toFile());
            PublishedSchemas.Published published = schemas.schema(
                            producer,
                            sample.get("type").asText(),
                            sample.get("schemaversion").asInt())
                    .orElseThrow();
            ObjectNode data = (ObjectNode) sample.get("data");
            assertEquals(QuickSchemaCheck.VALID, published.quick().check(data), file + " passes the quick check");
            assertNull(PublishedSchemas.firstViolation(published.full(), data), file + " is valid");
            for (JsonNode mutated : mutations(data)) {
                String full = PublishedSchemas.firstViolation(published.full(), mutated);
                int quick = published.quick().check(mutated);
                String where = file.getFileName() + " mutated to " + mutated;
                if (quick == QuickSchemaCheck.VALID) {
                    assertNull(full, where + ": valid by the quick check only");
                    quickValid++;
                }
                if (quick == QuickSchemaCheck.INVALID) {
                    assertNotNull(full, where + ": invalid by the quick check only");
                }
                assertEquals(full, published.firstViolation(mutated), where);
                invalid += full == null ? 0 : 1;
                cases++;
            }
        }
        return new Result(cases, invalid, quickValid);
    }

    /** The .json files of a folder, sorted. */
    public static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Copies of the data, each with one value somewhere in it changed or removed. */
    static List<JsonNode> mutations(ObjectNode data) {
        List<JsonNode> out = new ArrayList<>();
        mutate(data, data, out);
        return out;
    }

    private static void mutate(ObjectNode root, JsonNode node, List<JsonNode> out) {
        if (node instanceof ObjectNode o) {
            for (String field : fieldNames(o)) {
                JsonNode value = o.get(field);
                edit(root, out, () -> o.remove(field), () -> o.set(field, value));
                for (JsonNode other : others(value)) {
                    edit(root, out, () -> o.set(field, other), () -> o.set(field, value));
                }
                mutate(root, value, out);
            }
            edit(root, out, () -> o.put("zzExtra", 1), () -> o.remove("zzExtra"));
        } else if (node instanceof ArrayNode a) {
            if (!a.isEmpty()) {
                JsonNode first = a.get(0);
                edit(root, out, () -> a.add(first.deepCopy()), () -> a.remove(a.size() - 1));
                edit(root, out, () -> a.add(42), () -> a.remove(a.size() - 1));
                edit(root, out, () -> a.remove(0), () -> a.insert(0, first));
                for (int i = 0; i < a.size(); i++) {
                    mutate(root, a.get(i), out);
                }
            }
        }
    }

    private static List<String> fieldNames(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Values to put instead of {@code value}: other types, and near misses of its own type. */
    private static List<JsonNode> others(JsonNode value) {
        List<JsonNode> v = new ArrayList<>(List.of(
                NODES.nullNode(),
                NODES.numberNode(42),
                NODES.textNode("x"),
                NODES.booleanNode(true),
                NODES.objectNode(),
                NODES.arrayNode()));
        if (value.isTextual()) {
            for (String s : List.of(
                    "",
                    "\uD83D\uDE00",
                    "é",
                    "2026-02-30",
                    "2026-02-28",
                    "2024-02-29",
                    "2026-13-01",
                    "0000-01-01",
                    "2026-1-01",
                    "2026",
                    "2026-Q5",
                    "2026-spring",
                    "https://example.org/a b",
                    "https://example.org/ok",
                    "/relative",
                    "urn:x",
                    "NEWS",
                    "OCCURRED",
                    "RUMOURED",
                    "0",
                    "0.00",
                    "10.5",
                    "01",
                    "EUR",
                    "eur",
                    "CA",
                    "ca",
                    "a-b",
                    "UPPER-case",
                    value.textValue() + " ")) {
                v.add(NODES.textNode(s));
            }
        }
        if (value.isNumber()) {
            v.addAll(List.of(
                    NODES.numberNode(-1),
                    NODES.numberNode(0),
                    NODES.numberNode(1),
                    NODES.numberNode(1.0),
                    NODES.numberNode(1.5),
                    NODES.textNode("1")));
        }
        if (value.isObject()) {
            v.add(NODES.objectNode().put("undisclosed", true));
            v.add(NODES.objectNode().put("amount", "10").put("currency", "EUR"));
        }
        return v;
    }

    private static void edit(ObjectNode root, List<JsonNode> out, Runnable change, Runnable undo) {
        change.run();
        out.add(root.deepCopy());
        undo.run();
    }
}
