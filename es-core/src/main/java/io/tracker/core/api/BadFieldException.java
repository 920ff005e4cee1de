package io.tracker.core.api;

/** A request field whose value passed the syntax checks but still cannot be used (e.g. 2026-02-30). */
public final class BadFieldException extends RuntimeException {
    private final String field;

    public BadFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
