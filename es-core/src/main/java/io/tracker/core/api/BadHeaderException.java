package io.tracker.core.api;

import io.tracker.http.BadInputException;

/** A request header that cannot be understood; a 400 naming it. */
public final class BadHeaderException extends BadInputException {

    public BadHeaderException(String header, String message) {
        super(header, message, "bad-header", "A request header is not valid");
    }

    public String header() {
        return input();
    }
}
