package io.tracker.core.api.checks;

/**
 * A rule of a request value that the standard constraints cannot state (an ISO code, one of two forms). Named by
 * {@link CheckedBy} on an annotation; called only with values that are not null (null is {@code @NotNull}'s case).
 */
@FunctionalInterface
public interface RequestCheck<T> {
    /** Reports to {@code at} (the value's own path, or below it) what is wrong with {@code value}. */
    void check(T value, Violations at);
}
