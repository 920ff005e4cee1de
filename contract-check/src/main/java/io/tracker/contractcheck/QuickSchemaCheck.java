package io.tracker.contractcheck;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cheap first check of the data against a published JSON Schema, before the full validation of
 * {@link PublishedSchemas}: the schema compiled into plain Java checks of the keywords the contract uses (type,
 * $ref to $defs, properties, required, additionalProperties, minProperties, items, minItems, uniqueItems,
 * minLength, pattern, format date and uri, enum, const, minimum, allOf, oneOf, not). It says {@link #VALID}
 * only when it is sure, with networknt's own semantics (Java regex {@code find}, networknt's date and uri
 * formats, code points for lengths); anything else ({@link #INVALID}, or {@link #UNSURE} for the cases it does not
 * decide: numbers that are not integers, enums of non-strings, ...) sends the data to the full validation, which
 * gives the verdict and names the violation. A schema with a keyword it does not know is not compiled
 * ({@link #compile} returns null) and is always fully validated.
 */
public final class QuickSchemaCheck {
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int UNSURE = 2;

    interface Check {
        int check(JsonNode node);
    }

    private final Check root;

    private QuickSchemaCheck(Check root) {
        this.root = root;
    }

    /** The data's verdict: {@link #VALID}, {@link #INVALID} or {@link #UNSURE}. */
    public int check(JsonNode data) {
        return root.check(data);
    }

    /** The schema compiled, or null when it uses a keyword (or a form of one) this check does not know. */
    static QuickSchemaCheck compile(JsonNode schema) {
        try {
            Map<String, Check> defs = new HashMap<>();
            QuickSchemaCompiler compiler = new QuickSchemaCompiler(schema, defs);
            Check root = compiler.compile(schema, true);
            return new QuickSchemaCheck(root);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Whether {@code s} is a date of the form yyyy-mm-dd in ASCII digits, year 1 to 9999, that exists: then networknt's
     * date format ({@code LocalDate.parse}, year 0 to 9999) accepts it too. Anything else is left to that format.
     */
    static boolean plainDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int last =
                switch (month) {
                    case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                    case 4, 6, 9, 11 -> 30;
                    default -> 31;
                };
        return day <= last;
    }

    /** The number the ASCII digits of s[from, to) write, or -1 when one is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** uniqueItems: decided for arrays of strings only (other values' equality has more rules). */
    static int unique(JsonNode n) {
        if (!n.isArray()) {
            return VALID;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                return UNSURE;
            }
            if (!seen.add(x.textValue())) {
                return INVALID;
            }
        }
        return VALID;
    }
}
