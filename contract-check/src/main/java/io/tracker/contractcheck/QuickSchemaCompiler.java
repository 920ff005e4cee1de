package io.tracker.contractcheck;

import static io.tracker.contractcheck.QuickSchemaCheck.INVALID;
import static io.tracker.contractcheck.QuickSchemaCheck.VALID;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.contractcheck.QuickSchemaCheck.Check;

/**
 * Compiles a published JSON Schema into the plain checks of a {@link QuickSchemaCheck}, keyword by keyword in the
 * schema's order: it walks the schema and its subschemas, resolves {@code $ref} to {@code $defs}, and takes each
 * keyword's check from {@link QuickValueChecks}, {@link QuickFormats} or {@link QuickSubschemaChecks}; a keyword (or a
 * form of one) it does not know throws {@link UnsupportedOperationException}: the schema is then only fully validated.
 */
final class QuickSchemaCompiler {
    /** Keywords that only annotate. */
    private static final Set<String> ANNOTATIONS =
            Set.of("title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly");

    private final JsonNode rootSchema;
    private final Map<String, Check> defs;

    QuickSchemaCompiler(JsonNode rootSchema, Map<String, Check> defs) {
        this.rootSchema = rootSchema;
        this.defs = defs;
    }

    Check compile(JsonNode schema, boolean root) {
        if (schema.isBoolean()) {
            int verdict = schema.booleanValue() ? VALID : INVALID;
            return n -> verdict;
        }
        if (!schema.isObject()) {
            throw new UnsupportedOperationException("schema " + schema);
        }
        List<Check> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String keyword = e.getKey();
            JsonNode v = e.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (root && (keyword.equals("$schema") || keyword.equals("$id") || keyword.equals("$defs"))) {
                continue;
            }
            all.add(keyword(keyword, v, schema));
        }
        Check[] checks = all.toArray(Check[]::new);
        return QuickSubschemaChecks.allOf(checks);
    }

    private Check keyword(String keyword, JsonNode v, JsonNode schema) {
        switch (keyword) {
            case "type":
                return QuickValueChecks.type(v);
            case "$ref":
                return ref(v.asText());
            case "properties":
                return properties(v);
            case "required":
                return QuickValueChecks.required(v);
            case "additionalProperties":
                return additional(v, schema);
            case "minProperties":
                return QuickValueChecks.minProperties(v);
            case "items": {
                if (schema.has("prefixItems")) {
                    throw new UnsupportedOperationException("prefixItems");
                }
                Check item = compile(v, false);
                return QuickSubschemaChecks.items(item);
            }
            case "minItems":
                return QuickValueChecks.minItems(v);
            case "uniqueItems":
                return QuickValueChecks.uniqueItems(v);
            case "minLength":
                return QuickValueChecks.minLength(v);
            case "pattern":
                return QuickValueChecks.pattern(v);
            case "format":
                return QuickFormats.format(QuickValueChecks.text(v));
            case "enum":
                return QuickValueChecks.enumeration(v);
            case "const":
                return QuickValueChecks.constant(v);
            case "minimum":
                return QuickValueChecks.minimum(v);
            case "allOf":
                return QuickSubschemaChecks.allOf(subschemas(v));
            case "oneOf":
                return QuickSubschemaChecks.oneOf(subschemas(v));
            case "not": {
                Check inner = compile(v, false);
                return QuickSubschemaChecks.not(inner);
            }
            default:
                throw new UnsupportedOperationException(keyword);
        }
    }

    private Check ref(String ref) {
        if (!ref.startsWith("#/$defs/") || ref.indexOf('/', 8) >= 0 || ref.contains("~") || ref.contains("%")) {
            throw new UnsupportedOperationException("$ref " + ref);
        }
        String name = ref.substring(8);
        JsonNode def = rootSchema.path("$defs").get(name);
        if (def == null) {
            throw new UnsupportedOperationException("$ref " + ref);
        }
        if (!defs.containsKey(name)) {
            Check[] compiled = new Check[1];
            defs.put(name, n -> compiled[0].check(n)); // a recursive $ref finds this one
            compiled[0] = compile(def, false);
        }
        return defs.get(name);
    }

    private Check properties(JsonNode v) {
        List<String> names = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : v.properties()) {
            names.add(p.getKey());
            checks.add(compile(p.getValue(), false));
        }
        String[] n = names.toArray(String[]::new);
        Check[] c = checks.toArray(Check[]::new);
        return QuickSubschemaChecks.properties(n, c);
    }

    private Check additional(JsonNode v, JsonNode schema) {
        if (schema.has("patternProperties")) {
            throw new UnsupportedOperationException("patternProperties");
        }
        Set<String> declared = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(declared::add);
        Check other = compile(v, false);
        return QuickSubschemaChecks.additional(declared, other);
    }

    private Check[] subschemas(JsonNode v) {
        if (!v.isArray() || v.isEmpty()) {
            throw new UnsupportedOperationException("subschemas " + v);
        }
        List<Check> checks = new ArrayList<>();
        v.forEach(x -> checks.add(compile(x, false)));
        return checks.toArray(Check[]::new);
    }
}
