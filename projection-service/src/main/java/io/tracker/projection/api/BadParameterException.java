package io.tracker.projection.api;

import io.tracker.http.BadInputException;

/** A query or path parameter that cannot be read; answered 400 naming the parameter. */
public class BadParameterException extends BadInputException {

    public BadParameterException(String parameter, String message) {
        super(parameter, message, "bad-parameter", "A parameter is not valid");
    }

    public String parameter() {
        return input();
    }
}
