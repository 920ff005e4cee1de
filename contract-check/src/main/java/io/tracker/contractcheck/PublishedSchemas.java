package io.tracker.contractcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The JSON Schemas of the event data as the producers publish them, for a consumer that checks each record's data
 * (projection-service, and investment-service on negotiation-service's records): read from the contract artifact
 * ({@code io.tracker:tracker-contract}, folder {@code tracker-contract/<producer>/schemas/<Type>.v<N>.json}) on the
 * class path, never from producer code. Each schema is loaded and compiled once, on first use; a compiled schema validates
 * records on several threads at once (a large batch is read in parallel). Each is compiled twice: by networknt
 * (the full validation, which names the violation) and, when it can be, into a {@link QuickSchemaCheck} that
 * passes valid data at a fraction of the cost; data it does not pass is fully validated.
 */
public final class PublishedSchemas {
    private static final String ROOT = "tracker-contract/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentMap<String, Optional<Published>> schemas = new ConcurrentHashMap<>();

    /**
     * A published schema: {@code full} networknt's, {@code quick} the same schema's quick check (null when it uses
     * a keyword the quick check does not know).
     */
    public record Published(JsonSchema full, QuickSchemaCheck quick) {
        /** The first violation of the schema, or null when the data is valid: the same answer as the full one's. */
        public String firstViolation(JsonNode data) {
            if (quick != null && quick.check(data) == QuickSchemaCheck.VALID) {
                return null;
            }
            return PublishedSchemas.firstViolation(full, data);
        }
    }

    /**
     * The published schema of {@code type} at {@code version} of {@code producer} ("negotiation-service"), if any: a
     * type is known when the contract publishes a schema for it.
     */
    public Optional<Published> schema(String producer, String type, int version) {
        return schemas.computeIfAbsent(
                producer + "/schemas/" + type + ".v" + version + ".json", PublishedSchemas::load);
    }

    /** The first violation of the schema by networknt's full validation, or null when the data is valid. */
    public static String firstViolation(JsonSchema schema, JsonNode data) {
        Set<ValidationMessage> errors = schema.validate(data);
        return errors.isEmpty() ? null : errors.iterator().next().getMessage();
    }

    private static Optional<Published> load(String path) {
        try (InputStream in = PublishedSchemas.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(in);
            JsonSchema schema = FACTORY.getSchema(node, FORMATS);
            schema.initializeValidators(); // compiled once, before any (possibly concurrent) validation
            return Optional.of(new Published(schema, QuickSchemaCheck.compile(node)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published schema " + path, e);
        }
    }
}
