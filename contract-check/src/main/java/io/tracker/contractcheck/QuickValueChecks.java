package io.tracker.contractcheck;

import static io.tracker.contractcheck.QuickSchemaCheck.INVALID;
import static io.tracker.contractcheck.QuickSchemaCheck.UNSURE;
import static io.tracker.contractcheck.QuickSchemaCheck.VALID;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.tracker.contractcheck.QuickSchemaCheck.Check;

/**
 * The quick checks of the keywords that look at one value without a subschema (type and its unions, required,
 * minProperties, minItems, uniqueItems, minLength, pattern, enum, const, minimum), each from its keyword's value; a
 * form of one they do not decide throws {@link UnsupportedOperationException}.
 */
final class QuickValueChecks {
    private QuickValueChecks() {}

    static Check type(JsonNode v) {
        List<String> types = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> types.add(text(x)));
        } else {
            types.add(text(v));
        }
        boolean string = false,
                object = false,
                array = false,
                bool = false,
                nul = false,
                number = false,
                integer = false;
        for (String t : types) {
            switch (t) {
                case "string" -> string = true;
                case "object" -> object = true;
                case "array" -> array = true;
                case "boolean" -> bool = true;
                case "null" -> nul = true;
                case "number" -> number = true;
                case "integer" -> integer = true;
                default -> throw new UnsupportedOperationException("type " + t);
            }
        }
        boolean s = string, o = object, a = array, b = bool, z = nul, num = number, i = integer;
        return n -> {
            if ((s && n.isTextual())
                    || (o && n.isObject())
                    || (a && n.isArray())
                    || (b && n.isBoolean())
                    || (z && n.isNull())
                    || (num && n.isNumber())
                    || (i && n.isIntegralNumber())) {
                return VALID;
            }
            if (i && n.isNumber()) {
                return UNSURE; // 1.0: an integer or not depends on the validator's settings
            }
            return n.isTextual() || n.isObject() || n.isArray() || n.isBoolean() || n.isNull() || n.isNumber()
                    ? INVALID
                    : UNSURE;
        };
    }

    static Check required(JsonNode v) {
        List<String> names = new ArrayList<>();
        v.forEach(x -> names.add(text(x)));
        String[] required = names.toArray(String[]::new);
        return n -> {
            if (n.isObject()) {
                for (String r : required) {
                    if (n.get(r) == null) {
                        return INVALID;
                    }
                }
            }
            return VALID;
        };
    }

    static Check minProperties(JsonNode v) {
        int min = count(v);
        return n -> !n.isObject() || n.size() >= min ? VALID : INVALID;
    }

    static Check minItems(JsonNode v) {
        int min = count(v);
        return n -> !n.isArray() || n.size() >= min ? VALID : INVALID;
    }

    static Check uniqueItems(JsonNode v) {
        if (!v.isBoolean()) {
            throw new UnsupportedOperationException("uniqueItems " + v);
        }
        return v.booleanValue() ? QuickSchemaCheck::unique : n -> VALID;
    }

    static Check minLength(JsonNode v) {
        int min = count(v);
        return n -> {
            if (!n.isTextual()) {
                return VALID;
            }
            String s = n.textValue();
            return s.length() >= min && s.codePointCount(0, s.length()) >= min ? VALID : INVALID;
        };
    }

    static Check pattern(JsonNode v) {
        // networknt's (JDK) regular expression: Pattern.find; a matcher per thread, reset for each value
        Pattern p = Pattern.compile(text(v));
        ThreadLocal<Matcher> matcher = ThreadLocal.withInitial(() -> p.matcher(""));
        return n -> !n.isTextual() || matcher.get().reset(n.textValue()).find() ? VALID : INVALID;
    }

    static Check enumeration(JsonNode v) {
        if (!v.isArray()) {
            throw new UnsupportedOperationException("enum " + v);
        }
        Set<String> texts = new HashSet<>();
        v.forEach(x -> {
            if (x.isTextual()) {
                texts.add(x.textValue());
            }
        });
        return n -> {
            if (!n.isTextual()) {
                return UNSURE;
            }
            return texts.contains(n.textValue()) ? VALID : INVALID;
        };
    }

    static Check constant(JsonNode v) {
        if (v.isNumber() || v.isContainerNode()) {
            throw new UnsupportedOperationException("const " + v);
        }
        // a string, a boolean or null: equal only to the same JSON value
        return n -> n.isNumber() || n.isContainerNode() ? UNSURE : v.equals(n) ? VALID : INVALID;
    }

    static Check minimum(JsonNode v) {
        if (!v.isNumber()) {
            throw new UnsupportedOperationException("minimum " + v);
        }
        BigDecimal min = v.decimalValue();
        return n -> {
            if (!n.isNumber()) {
                return VALID; // minimum applies to numbers only
            }
            if (!n.isIntegralNumber()) {
                return UNSURE;
            }
            return new BigDecimal(n.bigIntegerValue()).compareTo(min) >= 0 ? VALID : INVALID;
        };
    }

    /** A keyword's value that must be a string. */
    static String text(JsonNode v) {
        if (!v.isTextual()) {
            throw new UnsupportedOperationException("not a string: " + v);
        }
        return v.textValue();
    }

    private static int count(JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw new UnsupportedOperationException("not a count: " + v);
        }
        return v.intValue();
    }
}
