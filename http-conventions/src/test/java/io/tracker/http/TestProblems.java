package io.tracker.http;

import jakarta.inject.Singleton;

/** The wording of this test application (each service has its own bean). */
@Singleton
public class TestProblems implements ServiceProblems {

    @Override
    public String failed() {
        return "the test request failed";
    }

    @Override
    public String unavailable() {
        return "the test database cannot be reached";
    }

    @Override
    public String refusalNote() {
        return "; test note";
    }
}
