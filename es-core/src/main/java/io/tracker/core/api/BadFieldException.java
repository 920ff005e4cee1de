package io.tracker.core.api;

import io.tracker.http.BadInputException;

/** A request field whose value passed the syntax checks but still cannot be used (e.g. 2026-02-30); a 400. */
public final class BadFieldException extends BadInputException {

    public BadFieldException(String field, String message) {
        super(field, message, "validation", "The request is not valid");
    }

    public String field() {
        return input();
    }

    @Override
    public String detail() {
        return "1 field(s) are not valid; nothing was recorded";
    }
}
