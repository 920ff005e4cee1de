package io.tracker.projection.api;

/** Nothing is known about the requested resource (as of the question); answered 404. */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String message) {
        super(message);
    }
}
