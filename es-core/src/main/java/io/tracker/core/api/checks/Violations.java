package io.tracker.core.api.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.tracker.http.Problem;

/**
 * Where a request's checks report what is wrong: each violation at the path of the value, as the client wrote it
 * ({@code fact.participants[1].country}); the request itself is {@code body}.
 */
public final class Violations {
    private final List<Problem.FieldError> all;
    private final String path;

    private Violations(List<Problem.FieldError> all, String path) {
        this.all = all;
        this.path = path;
    }

    /** An empty list, at the request's root. */
    public static Violations root() {
        return new Violations(new ArrayList<>(), "");
    }

    /** The same list, at a property of the current value. */
    public Violations at(String property) {
        return new Violations(all, path.isEmpty() ? property : path + "." + property);
    }

    /** The same list, at an element of the current list. */
    public Violations atIndex(int index) {
        return new Violations(all, path + "[" + index + "]");
    }

    /** Reports the current value as not valid. */
    public void add(String message) {
        all.add(new Problem.FieldError(path.isEmpty() ? "body" : path, message));
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** Every violation reported to this list, by field. */
    public List<Problem.FieldError> sorted() {
        return all.stream()
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }
}
