package io.tracker.projection.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of the event data as the producers publish them: read from the contract artifact
 * ({@code io.tracker:tracker-contract}, folder {@code tracker-contract/<producer>/schemas/<Type>.v<N>.json}),
 * never from producer code. Each schema is loaded once, on first use.
 */
final class PublishedSchemas {
    private static final String ROOT = "tracker-contract/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final ConcurrentMap<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    /** The published schema of {@code type} at {@code version} of {@code producer} ("negotiation-service"), if any. */
    Optional<JsonSchema> schema(String producer, String type, int version) {
        return schemas.computeIfAbsent(producer + "/schemas/" + type + ".v" + version + ".json", PublishedSchemas::load);
    }

    /** The first violation of the schema, or null when the data is valid. */
    static String firstViolation(JsonSchema schema, JsonNode data) {
        Set<ValidationMessage> errors = schema.validate(data);
        return errors.isEmpty() ? null : errors.iterator().next().getMessage();
    }

    private static Optional<JsonSchema> load(String path) {
        try (InputStream in = PublishedSchemas.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(FACTORY.getSchema(in, FORMATS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published schema " + path, e);
        }
    }
}
