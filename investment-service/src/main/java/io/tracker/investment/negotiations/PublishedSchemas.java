package io.tracker.investment.negotiations;

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
 * negotiation-service's published JSON Schemas of the event data, read from the contract artifact
 * ({@code io.tracker:tracker-contract}, {@code tracker-contract/negotiation-service/schemas/<Type>.v<N>.json}), never
 * from producer code: a type is known when the contract publishes a schema for it. Loaded once, on first use, and
 * compiled twice: by networknt (the full validation, which names the violation) and, when it can be, into a
 * {@link QuickSchemaCheck} that passes valid data at a fraction of the cost; data it does not pass is fully
 * validated. (projection-service checks its records with the same two.)
 */
final class PublishedSchemas {
    static final String PRODUCER = "negotiation-service";
    private static final String ROOT = "tracker-contract/" + PRODUCER + "/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig FORMATS =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentMap<String, Optional<Published>> schemas = new ConcurrentHashMap<>();

    /**
     * A published schema: {@code full} networknt's, {@code quick} the same schema's quick check (null when it uses
     * a keyword the quick check does not know).
     */
    record Published(JsonSchema full, QuickSchemaCheck quick) {
        /** The first violation of the schema, or null when the data is valid: the same answer as the full one's. */
        String firstViolation(JsonNode data) {
            if (quick != null && quick.check(data) == QuickSchemaCheck.VALID) {
                return null;
            }
            return PublishedSchemas.firstViolation(full, data);
        }
    }

    /** Whether the contract publishes {@code type} at all (its first version). The caller checks the name's form. */
    boolean knows(String type) {
        return schema(type, 1).isPresent();
    }

    Optional<Published> schema(String type, int version) {
        return schemas.computeIfAbsent(type + ".v" + version + ".json", PublishedSchemas::load);
    }

    /** The first violation of the schema by networknt's full validation, or null when the data is valid. */
    static String firstViolation(JsonSchema schema, JsonNode data) {
        Set<ValidationMessage> errors = schema.validate(data);
        return errors.isEmpty() ? null : errors.iterator().next().getMessage();
    }

    private static Optional<Published> load(String file) {
        try (InputStream in = PublishedSchemas.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(in);
            return Optional.of(new Published(FACTORY.getSchema(node, FORMATS), QuickSchemaCheck.compile(node)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the published schema " + file, e);
        }
    }
}
