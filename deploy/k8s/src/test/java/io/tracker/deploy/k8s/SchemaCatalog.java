package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The pinned schemas of every kind the manifests use (src/test/resources/schemas, sources in
 * SOURCES.md there), keyed by {@code apiVersion/kind}:
 * <ul>
 * <li>Kubernetes' own kinds: the "standalone-strict" JSON schemas generated from Kubernetes' OpenAPI
 * (every object closed with {@code additionalProperties: false});</li>
 * <li>custom resources: the {@code openAPIV3Schema} of the served version of each CRD, turned into a
 * JSON schema the way the API server prunes and validates: every object that lists its
 * {@code properties} and neither preserves unknown fields nor has {@code additionalProperties} is
 * closed ({@code additionalProperties: false}); {@code x-kubernetes-int-or-string} admits both
 * types; {@code nullable} admits null; a custom resource's {@code metadata} is checked against
 * Kubernetes' ObjectMeta.</li>
 * </ul>
 * Not checked (the API server does it, not a schema): CEL rules ({@code x-kubernetes-validations}),
 * list-map uniqueness, formats.
 */
final class SchemaCatalog {

    static final Path DIR = Kustomize.MODULE_DIR.resolve("src/test/resources/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static SchemaCatalog instance;

    private final Map<String, Schema> schemas = new TreeMap<>();

    static synchronized SchemaCatalog get() {
        if (instance == null) {
            instance = new SchemaCatalog();
        }
        return instance;
    }

    private SchemaCatalog() {
        JsonNode objectMeta = null;
        List<Path> crds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".json")) {
                    ObjectNode s = (ObjectNode) JSON.readTree(f.toFile());
                    s.remove("$schema");
                    String kind = s.at("/properties/kind/enum/0").asText();
                    String apiVersion = s.at("/properties/apiVersion/enum/0").asText();
                    if (kind.isEmpty() || apiVersion.isEmpty()) {
                        fail(f + ": no kind/apiVersion enum: not a standalone-strict schema");
                    }
                    put(apiVersion + "/" + kind, s, f);
                    if ("ConfigMap".equals(kind)) {
                        objectMeta = s.at("/properties/metadata");
                    }
                } else if (n.endsWith(".yaml")) {
                    crds.add(f);
                }
            }
            if (objectMeta == null || objectMeta.isMissingNode()) {
                fail(
                        "the Kubernetes schemas must include configmap-v1.json (its ObjectMeta checks custom resources' metadata)");
            }
            for (Path f : crds) {
                loadCrd(f, objectMeta);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the schemas in " + DIR + ": " + e, e);
        }
    }

    private void loadCrd(Path f, JsonNode objectMeta) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try (Reader r = Files.newBufferedReader(f)) {
            for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(r)) {
                JsonNode crd = JSON.valueToTree(doc);
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String group = crd.at("/spec/group").asText();
                String kind = crd.at("/spec/names/kind").asText();
                for (JsonNode v : crd.at("/spec/versions")) {
                    JsonNode s = v.at("/schema/openAPIV3Schema");
                    if (!v.path("served").asBoolean() || s.isMissingNode()) {
                        continue;
                    }
                    ObjectNode schema = (ObjectNode) toJsonSchema(s.deepCopy());
                    ((ObjectNode) schema.get("properties")).set("metadata", objectMeta.deepCopy());
                    put(group + "/" + v.path("name").asText() + "/" + kind, schema, f);
                }
            }
        }
    }

    private void put(String key, JsonNode schema, Path source) {
        if (schemas.containsKey(key)) {
            fail("two schemas for " + key + " (second in " + source + ")");
        }
        schemas.put(key, REGISTRY.getSchema(schema));
    }

    /** openAPIV3Schema (structural, as the API server reads it) → JSON schema (draft 7). */
    static JsonNode toJsonSchema(JsonNode node) {
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, toJsonSchema(a.get(i)));
            }
            return a;
        }
        if (!(node instanceof ObjectNode o)) {
            return node;
        }
        boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
            o.remove("type");
            o.set("type", JSON.createArrayNode().add("integer").add("string"));
        }
        if (o.path("nullable").asBoolean(false)
                && o.has("type")
                && o.get("type").isTextual()) {
            o.set("type", JSON.createArrayNode().add(o.get("type").asText()).add("null"));
        }
        // keywords of OpenAPI / Kubernetes, not JSON Schema (x-kubernetes-validations: CEL, not checked here)
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.startsWith("x-kubernetes-") || k.equals("nullable") || k.equals("format")) {
                it.remove();
            }
        }
        if (o.get("properties") instanceof ObjectNode props) {
            props.fields().forEachRemaining(e -> e.setValue(toJsonSchema(e.getValue())));
            if (!preserve && !o.has("additionalProperties")) {
                o.set("additionalProperties", BooleanNode.FALSE);
            }
        }
        for (String k : List.of("items", "additionalProperties", "not")) {
            if (o.has(k) && o.get(k).isContainerNode()) {
                o.set(k, toJsonSchema(o.get(k)));
            }
        }
        for (String k : List.of("allOf", "anyOf", "oneOf")) {
            if (o.has(k)) {
                toJsonSchema(o.get(k));
            }
        }
        return o;
    }

    Optional<Schema> schemaOf(Map<String, Object> object) {
        return Optional.ofNullable(schemas.get(key(object)));
    }

    static String key(Map<String, Object> object) {
        return Y.str(object, "apiVersion") + "/" + Y.str(object, "kind");
    }

    /** The errors of one rendered object ("unknown kind" when no schema is pinned for it). */
    List<String> errors(Map<String, Object> object) {
        Optional<Schema> schema = schemaOf(object);
        if (schema.isEmpty()) {
            return List.of(
                    "no pinned schema for " + key(object) + " (add its CRD or Kubernetes schema to " + DIR + ")");
        }
        List<String> out = new ArrayList<>();
        for (Error e : schema.get().validate(JSON.valueToTree(object))) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    int size() {
        return schemas.size();
    }
}
