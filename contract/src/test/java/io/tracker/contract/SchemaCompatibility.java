package io.tracker.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a published JSON Schema (2020-12, local {@code #/$defs/...} references) with its current form
 * and lists every change that would break an existing subscriber of that type and schema version.
 *
 * <p>A schema version is a promise in both directions: a subscriber built on it must read every record
 * written under it (old records stay on the topic and in the stores), and a subscriber that validates
 * with the old schema must accept new records. So within one version: no property removed or renamed, no
 * required property added or removed, no type or format changed, no enum or const value added or
 * removed, no constraint (pattern, bounds, lengths) changed, no property added where the old schema
 * forbade unknown ones. Text (title, description, examples) may change. Anything else needs a new
 * schema version ({@code <Type>.v<N+1>.json}), which is an addition, not a change.
 */
public final class SchemaCompatibility {
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "examples", "$comment", "$schema",
            "$id", "default", "deprecated");
    private static final Set<String> CONSTRAINTS = Set.of("pattern", "format", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
            "uniqueItems", "minProperties", "maxProperties", "multipleOf");
    private static final List<String> COMBINATORS = List.of("oneOf", "anyOf", "allOf");

    private final JsonNode oldRoot;
    private final JsonNode newRoot;
    private final List<String> breaks = new ArrayList<>();

    private SchemaCompatibility(JsonNode oldRoot, JsonNode newRoot) {
        this.oldRoot = oldRoot;
        this.newRoot = newRoot;
    }

    /** Every breaking change, each as "{@code <json path>: <what>}"; empty when compatible. */
    public static List<String> breakingChanges(JsonNode oldSchema, JsonNode newSchema) {
        SchemaCompatibility check = new SchemaCompatibility(oldSchema, newSchema);
        check.compare(oldSchema, newSchema, "$", new TreeSet<>());
        return List.copyOf(check.breaks);
    }

    private void compare(JsonNode oldNode, JsonNode newNode, String path, Set<String> seen) {
        JsonNode o = resolve(oldRoot, oldNode);
        JsonNode n = resolve(newRoot, newNode);
        String key = path + "|" + System.identityHashCode(o) + "|" + System.identityHashCode(n);
        if (!seen.add(key)) {
            return;
        }
        if (!types(o).equals(types(n))) {
            breaks.add(path + ": type changed from " + types(o) + " to " + types(n));
        }
        compareValues(o, n, path, "enum", "enum value");
        if (!Objects.equals(o.get("const"), n.get("const"))) {
            breaks.add(path + ": const changed from " + o.get("const") + " to " + n.get("const"));
        }
        for (String constraint : CONSTRAINTS) {
            if (!Objects.equals(o.get(constraint), n.get(constraint))) {
                breaks.add(path + ": " + constraint + " changed from " + o.get(constraint) + " to " + n.get(constraint));
            }
        }
        Set<String> oldRequired = strings(o.get("required"));
        Set<String> newRequired = strings(n.get("required"));
        for (String r : oldRequired) {
            if (!newRequired.contains(r)) {
                breaks.add(path + ": required property '" + r + "' is no longer required");
            }
        }
        for (String r : newRequired) {
            if (!oldRequired.contains(r)) {
                breaks.add(path + ": new required property '" + r + "' (needs a new schema version)");
            }
        }
        compareProperties(o, n, path, seen);
        if (closed(n) && !closed(o)) {
            breaks.add(path + ": additionalProperties closed (records with properties unknown to it are now refused)");
        }
        if (o.has("items") || n.has("items")) {
            if (!o.has("items") || !n.has("items")) {
                breaks.add(path + ": items " + (o.has("items") ? "removed" : "added"));
            } else {
                compare(o.get("items"), n.get("items"), path + "[]", seen);
            }
        }
        for (String combinator : COMBINATORS) {
            JsonNode oc = o.get(combinator);
            JsonNode nc = n.get(combinator);
            if (oc == null && nc == null) {
                continue;
            }
            if (oc == null || nc == null || oc.size() != nc.size()) {
                breaks.add(path + ": " + combinator + " changed");
                continue;
            }
            for (int i = 0; i < oc.size(); i++) {
                compare(oc.get(i), nc.get(i), path + "." + combinator + "[" + i + "]", seen);
            }
        }
        if (!Objects.equals(o.get("not"), n.get("not"))) {
            breaks.add(path + ": not changed");
        }
        Iterator<String> names = o.fieldNames();
        names.forEachRemaining(name -> {
            if (!known(name) && !Objects.equals(o.get(name), n.get(name))) {
                breaks.add(path + ": keyword " + name + " changed");
            }
        });
    }

    private void compareProperties(JsonNode o, JsonNode n, String path, Set<String> seen) {
        JsonNode op = o.path("properties");
        JsonNode np = n.path("properties");
        op.fieldNames().forEachRemaining(name -> {
            if (!np.has(name)) {
                breaks.add(path + "." + name + ": property removed (or renamed)");
            } else {
                compare(op.get(name), np.get(name), path + "." + name, seen);
            }
        });
        np.fieldNames().forEachRemaining(name -> {
            if (!op.has(name) && closed(o)) {
                breaks.add(path + "." + name + ": property added where the published schema refuses unknown properties");
            }
        });
    }

    private void compareValues(JsonNode o, JsonNode n, String path, String keyword, String what) {
        if (!o.has(keyword) && !n.has(keyword)) {
            return;
        }
        Set<String> oldValues = values(o.get(keyword));
        Set<String> newValues = values(n.get(keyword));
        for (String v : oldValues) {
            if (!newValues.contains(v)) {
                breaks.add(path + ": " + what + " " + v + " removed");
            }
        }
        for (String v : newValues) {
            if (!oldValues.contains(v)) {
                breaks.add(path + ": " + what + " " + v + " added (a subscriber's exhaustive switch would not know it)");
            }
        }
    }

    private static boolean known(String keyword) {
        return ANNOTATIONS.contains(keyword) || CONSTRAINTS.contains(keyword) || COMBINATORS.contains(keyword)
                || Set.of("type", "enum", "const", "required", "properties", "additionalProperties", "items", "not",
                        "$ref", "$defs").contains(keyword);
    }

    private static boolean closed(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isBoolean() && !additional.asBoolean();
    }

    /** Follows local {@code $ref}s ({@code #/$defs/x}); a node with no {@code $ref} is itself. */
    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        for (int hops = 0; current.has("$ref") && hops < 32; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new IllegalArgumentException("only local references are compared, not " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        return type == null ? Set.of() : values(type);
    }

    private static Set<String> strings(JsonNode array) {
        return values(array);
    }

    private static Set<String> values(JsonNode node) {
        Set<String> out = new TreeSet<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
        } else {
            out.add(node.isTextual() ? node.asText() : node.toString());
        }
        return out;
    }
}
