package io.tracker.projection.api;

import jakarta.inject.Singleton;

import io.tracker.http.ServiceProblems;

/** What the query API says in the shared refusals: it records nothing, so it says what failed. */
@Singleton
public class QueryProblems implements ServiceProblems {

    @Override
    public String failed() {
        return "the query failed";
    }

    @Override
    public String unavailable() {
        return "the read models cannot be reached; retry shortly";
    }

    @Override
    public String refusalNote() {
        return "";
    }
}
