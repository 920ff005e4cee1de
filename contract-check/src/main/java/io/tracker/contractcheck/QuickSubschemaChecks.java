package io.tracker.contractcheck;

import static io.tracker.contractcheck.QuickSchemaCheck.INVALID;
import static io.tracker.contractcheck.QuickSchemaCheck.UNSURE;
import static io.tracker.contractcheck.QuickSchemaCheck.VALID;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.contractcheck.QuickSchemaCheck.Check;

/**
 * How the verdicts of already compiled checks combine into one: a schema's keywords and allOf (all apply), oneOf,
 * not, and the subschemas applied to an array's items or to an object's declared and undeclared properties.
 */
final class QuickSubschemaChecks {
    private QuickSubschemaChecks() {}

    /** Every check applies: INVALID at the first that says so, else the least sure of their verdicts. */
    static Check allOf(Check[] c) {
        return n -> {
            int verdict = VALID;
            for (Check k : c) {
                int r = k.check(n);
                if (r == INVALID) {
                    return INVALID;
                }
                verdict = Math.max(verdict, r);
            }
            return verdict;
        };
    }

    static Check oneOf(Check[] c) {
        return n -> {
            int valid = 0;
            boolean unsure = false;
            for (Check k : c) {
                int r = k.check(n);
                if (r == VALID) {
                    valid++;
                } else if (r == UNSURE) {
                    unsure = true;
                }
            }
            if (unsure) {
                return UNSURE;
            }
            return valid == 1 ? VALID : INVALID;
        };
    }

    static Check not(Check inner) {
        return n -> {
            int r = inner.check(n);
            return r == VALID ? INVALID : r == INVALID ? VALID : UNSURE;
        };
    }

    static Check items(Check item) {
        return n -> {
            if (!n.isArray()) {
                return VALID;
            }
            int verdict = VALID;
            for (JsonNode x : n) {
                int r = item.check(x);
                if (r == INVALID) {
                    return INVALID;
                }
                verdict = Math.max(verdict, r);
            }
            return verdict;
        };
    }

    /** properties: the check {@code c[k]} on the value of property {@code n[k]}, when present. */
    static Check properties(String[] n, Check[] c) {
        return node -> {
            if (!node.isObject()) {
                return VALID;
            }
            int verdict = VALID;
            for (int k = 0; k < n.length; k++) {
                JsonNode value = node.get(n[k]);
                if (value != null) {
                    int r = c[k].check(value);
                    if (r == INVALID) {
                        return INVALID;
                    }
                    verdict = Math.max(verdict, r);
                }
            }
            return verdict;
        };
    }

    /** additionalProperties: the check {@code other} on the value of each property not {@code declared}. */
    static Check additional(Set<String> declared, Check other) {
        return node -> {
            if (!node.isObject()) {
                return VALID;
            }
            int verdict = VALID;
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (!declared.contains(f.getKey())) {
                    int r = other.check(f.getValue());
                    if (r == INVALID) {
                        return INVALID;
                    }
                    verdict = Math.max(verdict, r);
                }
            }
            return verdict;
        };
    }
}
