package io.tracker.http;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages of the JSON reader as a client can read them: Java type names ({@code `java.lang.String`},
 * {@code io.tracker...FactRequest}) become JSON words ("text", "integer", "fact"), and the reader's
 * explanations of where a message came from ("from `StreamReadConstraints...`") are dropped.
 */
public final class ClientMessages {
    private static final Pattern TYPE =
            Pattern.compile("`?((?:[a-zA-Z_$][\\w$]*\\.)+([A-Za-z_$][\\w$]*)|`[a-zA-Z_$][\\w$]*`)`?");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("String", "text"),
            Map.entry("CharSequence", "text"),
            Map.entry("int", "integer"),
            Map.entry("Integer", "integer"),
            Map.entry("long", "integer"),
            Map.entry("Long", "integer"),
            Map.entry("short", "integer"),
            Map.entry("Short", "integer"),
            Map.entry("BigInteger", "integer"),
            Map.entry("BigDecimal", "number"),
            Map.entry("double", "number"),
            Map.entry("Double", "number"),
            Map.entry("float", "number"),
            Map.entry("Float", "number"),
            Map.entry("boolean", "boolean"),
            Map.entry("Boolean", "boolean"),
            Map.entry("List", "array"),
            Map.entry("ArrayList", "array"),
            Map.entry("Set", "array"),
            Map.entry("Collection", "array"),
            Map.entry("Map", "object"),
            Map.entry("LocalDate", "date"),
            Map.entry("Object", "value"));

    private ClientMessages() {}

    public static String clean(String message) {
        if (message == null) {
            return null;
        }
        String m = message.replaceAll("\\s*\\(from `[^`]*`\\)", "")
                .replaceAll(",\\s*from `[^`]*`\\)", ")")
                .replace("Enum class", "this field")
                .replaceAll("<[^<>`]*>", "");
        Matcher matcher = TYPE.matcher(m);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String whole = matcher.group(1);
            // plain dotted words in prose ("e.g.", "3.14") are not type names: only rewrite what looks like one
            boolean backticked = matcher.group().startsWith("`");
            if (!backticked && !whole.matches("(java|javax|jakarta|io|com|org)\\..*")) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            String simple = matcher.group(2) != null ? matcher.group(2) : whole.replace("`", "");
            int dollar = simple.lastIndexOf('$');
            if (dollar >= 0) {
                simple = simple.substring(dollar + 1);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(word(simple)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String word(String simpleName) {
        String known = WORDS.get(simpleName);
        if (known != null) {
            return known;
        }
        String name = simpleName.replaceAll("(Request|Command|Body)$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
