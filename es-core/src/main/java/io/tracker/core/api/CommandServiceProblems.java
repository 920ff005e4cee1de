package io.tracker.core.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.tracker.http.Problem;
import io.tracker.http.ServiceProblems;

/**
 * What the command services say in the shared refusals: that nothing was recorded; and a body the REST layer
 * could not read is answered by the strict JSON reader's problem ({@link JsonProblems}).
 */
@Singleton
public class CommandServiceProblems implements ServiceProblems {

    @Override
    public String failed() {
        return "the request failed; nothing was recorded";
    }

    @Override
    public String unavailable() {
        return "the database cannot be reached; nothing was recorded; retry shortly";
    }

    @Override
    public String refusalNote() {
        return "; nothing was recorded";
    }

    @Override
    public Problem ofCause(Throwable cause) {
        return cause instanceof JsonProcessingException json ? JsonProblems.of(json) : null;
    }
}
