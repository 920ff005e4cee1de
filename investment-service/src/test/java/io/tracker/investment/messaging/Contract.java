package io.tracker.investment.messaging;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.tracker.investment.domain.InvestmentEvent;

/** The contract files as the service serves them (classpath META-INF/resources/contract). */
final class Contract {
    static final String ROOT = "META-INF/resources/contract/";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private Contract() {}

    /** The type names of the published events: the names of the permitted event records. */
    static List<String> types() {
        return Arrays.stream(InvestmentEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .sorted()
                .toList();
    }

    static boolean exists(String path) {
        return Contract.class.getClassLoader().getResource(ROOT + path) != null;
    }

    static JsonNode json(String path) {
        return read(JSON, path);
    }

    static JsonNode yaml(String path) {
        return read(YAML, path);
    }

    static JsonNode sample(String type) {
        return json("samples/" + type + ".v1.json");
    }

    static JsonSchema schema(String type) {
        return SCHEMAS.getSchema(json("schemas/" + type + ".v1.json"), CONFIG);
    }

    static Set<ValidationMessage> validate(String type, JsonNode data) {
        return schema(type).validate(data);
    }

    private static JsonNode read(ObjectMapper mapper, String path) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertNotNull(in, "missing contract file " + path);
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
