package io.tracker.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one way a decider states its rules: {@code Rules.check(a).and(b).accept(event)}. A rule is a supplier
 * returning a {@link DomainError} (a rejection value naming kind, code, message and field), or null when it
 * holds. Rules run in order and stop at the first violation, so a rule may rely on the ones before it (for
 * instance on a value being present). The static helpers are the rules both command services share.
 */
public final class Rules {
    private DomainError error;

    private Rules() {}

    /** A chain that starts with {@code rule}. */
    public static Rules check(Supplier<DomainError> rule) {
        return new Rules().and(rule);
    }

    /** An empty chain, to add rules to in a loop. */
    public static Rules none() {
        return new Rules();
    }

    /** Adds {@code rule}; it runs only when every rule before it held. */
    public Rules and(Supplier<DomainError> rule) {
        if (error == null) {
            error = rule.get();
        }
        return this;
    }

    /** Adds {@code rule} for each item of {@code items}, in order, naming the item {@code field[i]}. */
    public <T> Rules each(List<T> items, String field, ItemRule<T> rule) {
        for (int i = 0; error == null && i < items.size(); i++) {
            error = rule.check(items.get(i), field + "[" + i + "]", i);
        }
        return this;
    }

    /** The first violation, or null. */
    public DomainError firstViolation() {
        return error;
    }

    /** The rejection of the first violation, or else the one event {@code event} makes. */
    public <E> Decision<E> accept(Supplier<? extends E> event) {
        if (error != null) {
            return Decision.reject(error);
        }
        E accepted = event.get();
        return Decision.accept(accepted);
    }

    /** A rule for one item of a list: {@code at} is the item's field ({@code sources[0]}), {@code index} its place. */
    @FunctionalInterface
    public interface ItemRule<T> {
        DomainError check(T item, String at, int index);
    }

    /** A broken invariant or an invalid value (HTTP 422). */
    public static DomainError violation(String code, String message, String field) {
        return new DomainError(DomainError.Kind.RULE_VIOLATED, code, message, field);
    }

    /** {@code value-required} when the value is null or blank text. */
    public static DomainError required(Object value, String field) {
        boolean missing = value == null || value instanceof String s && s.isBlank();
        return missing ? violation("value-required", field + " is required", field) : null;
    }

    /** {@code value-required} when the value is null (blank text is a value here). */
    public static DomainError present(Object value, String field) {
        return value == null ? violation("value-required", field + " is required", field) : null;
    }

    /** True for an absolute http(s) address with a host: what a source's url must be. */
    public static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
