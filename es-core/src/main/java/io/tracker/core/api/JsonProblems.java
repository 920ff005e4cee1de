package io.tracker.core.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.tracker.http.ClientMessages;
import io.tracker.http.Problem;

/**
 * A request body the JSON reader refused, as a problem that says what is wrong and, where the reader knows
 * it, names the field: a key given twice, content after the document, nesting deeper than
 * {@value StrictJson#MAX_DEPTH} levels, a body that is not JSON at all, a wrong type.
 */
final class JsonProblems {
    private JsonProblems() {}

    static Problem of(JsonProcessingException error) {
        // the data binder wraps a limit of the reader (depth, length) in a mapping error: the limit is the problem
        JsonProcessingException e = error.getCause() instanceof StreamConstraintsException limit ? limit : error;
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            String detail = message.startsWith("Document nesting depth")
                    ? "the JSON document is nested deeper than " + StrictJson.MAX_DEPTH + " levels"
                    : "the JSON document exceeds a size limit: "
                            + CommandProblemMappers.firstLine(ClientMessages.clean(message));
            return Problem.of(
                    400,
                    "json-too-deep",
                    "The request body is too deeply nested or too large",
                    detail + "; nothing was recorded");
        }
        if (message.startsWith("Duplicate field '")) {
            String name = message.substring(
                    "Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
            String field = join(parentPath(e), name);
            return Problem.of(
                            400,
                            "duplicate-key",
                            "The request body has a key twice",
                            "'" + field + "' is given more than once; give each key once; nothing was recorded")
                    .withError(field, "given more than once");
        }
        if (message.startsWith("Trailing token")) {
            return Problem.of(
                            400,
                            "trailing-content",
                            "The request body has content after the JSON document",
                            "only one JSON document is allowed, with nothing after it; nothing was recorded")
                    .withError("body", "content after the JSON document");
        }
        if (e instanceof JsonMappingException mapping) {
            String field = CommandProblemMappers.jsonPath(mapping);
            String detail = message.isEmpty()
                    ? "the body cannot be read"
                    : CommandProblemMappers.firstLine(ClientMessages.clean(message));
            Problem p = Problem.of(
                    400, "malformed-body", "The request body cannot be read", detail + "; nothing was recorded");
            return field.isEmpty() ? p : p.withError(field, detail);
        }
        String where = e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
        return Problem.of(
                400,
                "malformed-json",
                "The request body is not valid JSON",
                "the body is not a valid JSON document" + where + ": "
                        + CommandProblemMappers.firstLine(ClientMessages.clean(message)) + "; nothing was recorded");
    }

    /** Where the reader was when it stopped (the object holding the repeated key), as a field path. */
    private static String parentPath(JsonProcessingException e) {
        Object processor = e.getProcessor();
        if (!(processor instanceof JsonParser parser)) {
            return e instanceof JsonMappingException mapping ? CommandProblemMappers.jsonPath(mapping) : "";
        }
        List<String> parts = new ArrayList<>();
        JsonStreamContext context = parser.getParsingContext();
        // the innermost context is the object with the repeated key: its own name is the key before it
        JsonStreamContext parent = context == null ? null : context.getParent();
        while (parent != null && !parent.inRoot()) {
            if (parent.inArray()) {
                parts.add("[" + parent.getCurrentIndex() + "]");
            } else if (parent.getCurrentName() != null) {
                parts.add(parent.getCurrentName());
            }
            parent = parent.getParent();
        }
        Collections.reverse(parts);
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
