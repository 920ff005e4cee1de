package io.tracker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The build's compatibility check: every schema of the last released contract (the 1.0.0 copy in
 * {@code src/test/resources/baseline/1.0.0}) is still published, unchanged in every way a subscriber
 * depends on ({@link SchemaCompatibility}); its message types and topics are still there. A change that
 * fails here needs a new schema version instead.
 */
class ContractCompatibilityTest {
    private static final String BASELINE = "baseline/1.0.0";

    @Test
    void every_released_schema_is_still_published_without_a_breaking_change() {
        List<String> breaks = new ArrayList<>();
        int compared = 0;
        for (String producer : ContractFiles.PRODUCERS) {
            for (Path old : ContractFiles.files(BASELINE, producer, "schemas")) {
                Path current = ContractFiles.folder("tracker-contract", producer, "schemas").resolve(old.getFileName());
                if (!Files.exists(current)) {
                    breaks.add(producer + "/" + old.getFileName() + ": schema no longer published");
                    continue;
                }
                compared++;
                SchemaCompatibility.breakingChanges(ContractFiles.json(old), ContractFiles.json(current))
                        .forEach(b -> breaks.add(producer + "/" + old.getFileName() + " " + b));
            }
        }
        assertEquals(List.of(), breaks);
        assertEquals(21, compared, "the 21 schemas of 1.0.0");
    }

    @Test
    void the_released_topics_and_message_types_are_still_there() {
        for (String producer : ContractFiles.PRODUCERS) {
            JsonNode old = ContractFiles.resource(BASELINE + "/" + producer + "/asyncapi.yaml");
            JsonNode current = ContractFiles.asyncApi(producer);
            old.get("channels").fieldNames().forEachRemaining(channel -> {
                assertEquals(old.at("/channels/" + channel + "/address"), current.at("/channels/" + channel + "/address"),
                        producer + " channel " + channel);
                old.at("/channels/" + channel + "/messages").fieldNames().forEachRemaining(m -> assertTrue(
                        current.at("/channels/" + channel + "/messages").has(m), producer + " message " + m));
            });
        }
    }

    /** The real evolution: v2 of FactCorrected renames targetVersion, which within v1 would break subscribers. */
    @Test
    void fact_corrected_v2_could_not_have_been_a_change_of_v1() {
        JsonNode v1 = baseline("negotiation-service", "FactCorrected.v1.json");
        JsonNode v2 = ContractFiles.json(ContractFiles.folder("tracker-contract", "negotiation-service", "schemas")
                .resolve("FactCorrected.v2.json"));
        List<String> breaks = SchemaCompatibility.breakingChanges(v1, v2);
        assertTrue(breaks.contains("$.targetVersion: property removed (or renamed)"), breaks.toString());
        assertTrue(breaks.contains("$: new required property 'correctsVersion' (needs a new schema version)"),
                breaks.toString());
    }

    // --- negative controls: each kind of breaking change is caught ---

    @Test
    void a_removed_or_renamed_required_field_is_caught() {
        assertBreaks("MouSigned.v1.json", s -> {
            ObjectNode props = (ObjectNode) s.get("properties");
            props.set("heading", props.remove("title"));
            replaceRequired(s, "title", "heading");
        }, "$.title: property removed (or renamed)", "$: required property 'title' is no longer required",
                "$: new required property 'heading' (needs a new schema version)");
    }

    @Test
    void a_type_change_is_caught() {
        assertBreaks("FactRetracted.v1.json", s -> ((ObjectNode) s.at("/properties/targetVersion")).put("type", "string"),
                "$.targetVersion: type changed from [integer] to [string]");
    }

    @Test
    void a_new_required_field_is_caught() {
        assertBreaks("LeadersMet.v1.json", s -> ((ArrayNode) s.get("required")).add("summary2"),
                "$: new required property 'summary2' (needs a new schema version)");
    }

    @Test
    void a_removed_enum_value_is_caught_in_a_shared_definition() {
        assertBreaks("TalksHeld.v1.json", s -> {
            ArrayNode kinds = (ArrayNode) s.at("/$defs/source/properties/kind/enum");
            kinds.remove(2);
        }, "$.fact.sources[].kind: enum value OPINION removed");
    }

    @Test
    void a_narrowed_nullable_or_a_changed_pattern_is_caught() {
        assertBreaks("NegotiationOpened.v1.json", s -> {
            ((ObjectNode) s.at("/$defs/negotiationId")).put("pattern", "^[a-z]+$");
        }, "$.negotiationId: pattern changed from \"^[a-z0-9][a-z0-9-]{2,63}$\" to \"^[a-z]+$\"");
    }

    @Test
    void text_and_an_optional_property_in_an_open_schema_are_not_breaking() {
        JsonNode old = baseline("negotiation-service", "LeadersMet.v1.json");
        ObjectNode changed = old.deepCopy();
        changed.put("description", "reworded");
        ((ObjectNode) changed.get("properties")).putObject("venueNote").put("type", "string");
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(old, changed));
    }

    @Test
    void an_optional_property_where_the_schema_refuses_unknown_ones_is_caught() {
        JsonNode old = baseline("investment-service", "InvestmentWithdrawn.v1.json");
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("properties")).putObject("note").put("type", "string");
        assertEquals(List.of("$.note: property added where the published schema refuses unknown properties"),
                SchemaCompatibility.breakingChanges(old, changed));
    }

    private static void assertBreaks(String file, Consumer<ObjectNode> change, String... expected) {
        JsonNode old = baseline("negotiation-service", file);
        ObjectNode changed = old.deepCopy();
        change.accept(changed);
        List<String> breaks = SchemaCompatibility.breakingChanges(old, changed);
        for (String e : expected) {
            assertTrue(breaks.contains(e), "expected '" + e + "' in " + breaks);
        }
    }

    private static void replaceRequired(ObjectNode schema, String from, String to) {
        ArrayNode required = (ArrayNode) schema.get("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(from)) {
                required.set(i, schema.textNode(to));
            }
        }
    }

    private static JsonNode baseline(String producer, String file) {
        return ContractFiles.json(ContractFiles.folder(BASELINE, producer, "schemas").resolve(file));
    }
}
