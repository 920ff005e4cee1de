package io.tracker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Every golden sample of the artifact is a CloudEvent by the spec's own JSON schema (vendored in
 * {@code tracker-contract/cloudevents/cloudevents.json}, see its SOURCE.md), names with an absolute
 * {@code dataschema} a schema that the artifact holds at that path, and its data validates against it.
 */
class CloudEventsConformanceTest {
    static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    static final JsonSchema CLOUD_EVENT = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(ContractFiles.resource("tracker-contract/cloudevents/cloudevents.json"), FORMATS);
    private static final JsonSchemaFactory DATA_SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Path> samples() {
        return ContractFiles.PRODUCERS.stream().flatMap(p -> ContractFiles.files("tracker-contract", p, "samples").stream());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void the_sample_is_a_cloud_event_by_the_spec_schema(Path sample) {
        assertEquals(Set.of(), CLOUD_EVENT.validate(ContractFiles.json(sample)), sample.toString());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void dataschema_is_an_absolute_uri_the_artifact_resolves_and_the_data_validates_against_it(Path sample) {
        JsonNode event = ContractFiles.json(sample);
        String producer = sample.getParent().getParent().getFileName().toString();
        String file = sample.getFileName().toString();
        String uri = event.get("dataschema").asText();
        assertEquals(ContractFiles.BASE_URI + producer + "/schemas/" + file, uri);
        assertEquals("/" + producer, event.get("source").asText());
        assertTrue(file.endsWith(".v" + event.get("schemaversion").asText() + ".json"), file);
        assertTrue(file.startsWith(event.get("type").asText() + ".v"), file);
        JsonSchema schema = DATA_SCHEMAS.getSchema(ContractFiles.schemaAt(uri), FORMATS);
        assertEquals(Set.of(), schema.validate(event.get("data")), file);
    }

    @Test
    void every_schema_has_a_sample() {
        for (String producer : ContractFiles.PRODUCERS) {
            Set<String> schemas = names(producer, "schemas");
            assertEquals(schemas, names(producer, "samples"), producer);
            assertFalse(schemas.isEmpty());
        }
    }

    /** Negative controls: the vendored schema does check what it must (the 1.0.0 samples failed it). */
    @Test
    void a_relative_dataschema_or_a_missing_id_fails_the_spec_schema() {
        ObjectNode event = (ObjectNode) ContractFiles.json(samples().findFirst().orElseThrow()).deepCopy();
        event.put("dataschema", "/contract/schemas/MouSigned.v1.json");
        Set<ValidationMessage> errors = CLOUD_EVENT.validate(event);
        assertFalse(errors.isEmpty(), "a relative dataschema is refused");
        assertTrue(errors.toString().contains("dataschema"), errors.toString());

        ObjectNode noId = (ObjectNode) ContractFiles.json(samples().findFirst().orElseThrow()).deepCopy();
        noId.remove("id");
        assertFalse(CLOUD_EVENT.validate(noId).isEmpty(), "id is required");

        JsonNode baseline = ContractFiles.json(ContractFiles.files("baseline/1.0.0", "negotiation-service", "samples").get(0));
        assertFalse(CLOUD_EVENT.validate(baseline).isEmpty(), "the 1.0.0 samples (relative dataschema) fail it");
    }

    private static Set<String> names(String producer, String sub) {
        Set<String> out = new java.util.TreeSet<>();
        ContractFiles.files("tracker-contract", producer, sub).forEach(p -> out.add(p.getFileName().toString()));
        return out;
    }
}
