package io.tracker.core.domain;

import java.util.regex.Pattern;

/**
 * The id of an event stream, which is the id of its aggregate (a negotiation, an investment, a trade mission
 * within a negotiation): a slug of 3 to 64 characters, lower-case letters, digits and hyphens, starting with a
 * letter or digit ({@code ca-kr-industrial-cooperation}). The one home of that rule: the deciders' checks, the
 * requests' constraints ({@link #PATTERN} in {@code @Pattern}) and the refusals' words ({@link #RULE}) all
 * take it from here. The contract's schemas state the same pattern for subscribers (who do not depend on this).
 */
public record StreamId(String value) {
    /** The rule as a regular expression, whole-string (a constant, so that annotations can name it). */
    public static final String PATTERN = "[a-z0-9][a-z0-9-]{2,63}";
    /** The rule in words, for refusals. */
    public static final String RULE = "3 to 64 lower-case letters, digits and hyphens, starting with a letter or digit";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public StreamId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("'" + value + "' is not a stream id: " + RULE);
        }
    }

    /** Whether {@code text} is a stream id (null is not). */
    public static boolean isValid(String text) {
        return text != null && COMPILED.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
