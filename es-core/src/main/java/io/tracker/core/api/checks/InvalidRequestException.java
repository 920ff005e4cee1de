package io.tracker.core.api.checks;

import java.util.List;

import io.tracker.http.Problem;

/** A request that breaks the constraints of its parameters or body: a 400 naming every field at fault. */
public final class InvalidRequestException extends RuntimeException {
    private final transient List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super(errors.size() + " field(s) are not valid", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
