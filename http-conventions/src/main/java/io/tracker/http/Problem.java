package io.tracker.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code type} is a relative URI naming the kind of problem; {@code errors}
 * lists the fields at fault; {@code extensions} carries problem-specific members (e.g. currentVersion).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem("/problems/" + type, title, status, detail, null, null, Map.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    /** The problem naming one field (or header, or parameter) at fault. */
    public Problem withError(String field, String message) {
        return withErrors(List.of(new FieldError(field, message)));
    }

    public Problem with(String name, Object value) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(extensions);
        all.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, all);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors, extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
