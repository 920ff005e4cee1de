package io.tracker.core.api;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.tracker.core.api.checks.InvalidRequestException;
import io.tracker.core.application.DomainRejectedException;
import io.tracker.core.domain.DomainError;
import io.tracker.core.store.IdempotencyKeyReusedException;
import io.tracker.core.store.WrongExpectedVersionException;
import io.tracker.http.Problem;

/**
 * The command APIs' own refusals as RFC 9457 problem+json, naming the field at fault where there is one: the
 * request checks ({@link io.tracker.core.api.checks.RequestChecks}), the strict JSON reader, a rule of the domain, a version conflict, a reused Idempotency-Key. What every API
 * answers alike (401, 403, the REST layer's refusals, an unreachable database, anything unexpected, an
 * {@code IllegalArgumentException} of our own code included) is http-conventions' {@link io.tracker.http.ProblemMappers}.
 */
public class CommandProblemMappers {

    @ServerExceptionMapper
    public Response validation(InvalidRequestException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.errors();
        return Problem.of(
                        400,
                        "validation",
                        "The request is not valid",
                        errors.size() + " field(s) are not valid; nothing was recorded")
                .withErrors(errors)
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return Problem.of(
                        400,
                        "unknown-field",
                        "The request has a field this API does not know",
                        "unknown field '" + field + "'; nothing was recorded")
                .withError(field, "unknown field")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    /** Wrong types and bad enum values: more specific than Quarkus' own mapper, so this one answers. */
    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return badJson(e, uri);
    }

    @ServerExceptionMapper
    public Response badJson(JsonMappingException e, UriInfo uri) {
        return JsonProblems.of(e).at(uri.getPath()).toResponse().build();
    }

    /** Not JSON, a key twice, too deep, too long: the reader stopped before any field was mapped. */
    @ServerExceptionMapper
    public Response notJson(JsonProcessingException e, UriInfo uri) {
        return JsonProblems.of(e).at(uri.getPath()).toResponse().build();
    }

    @ServerExceptionMapper
    public Response domain(DomainRejectedException e, UriInfo uri) {
        DomainError error = e.error();
        int status =
                switch (error.kind()) {
                    case NOT_FOUND -> 404;
                    case ALREADY_EXISTS -> 409;
                    case RULE_VIOLATED -> 422;
                };
        Problem p = Problem.of(status, error.code(), title(error), error.message())
                .with("code", error.code())
                .at(uri.getPath());
        if (error.field() != null) {
            p = p.withError(error.field(), error.message());
        }
        return p.toResponse().build();
    }

    private static String title(DomainError error) {
        return switch (error.kind()) {
            case NOT_FOUND -> "Not found";
            case ALREADY_EXISTS -> "Already exists";
            case RULE_VIOLATED -> "The command breaks a rule of the domain";
        };
    }

    @ServerExceptionMapper
    public Response conflict(WrongExpectedVersionException e, HttpHeaders headers, UriInfo uri) {
        boolean precondition = headers.getHeaderString(HttpHeaders.IF_MATCH) != null;
        return Problem.of(
                        precondition ? 412 : 409,
                        "version-conflict",
                        "The resource changed since you read it",
                        e.getMessage() + "; read it again and retry with If-Match: \"" + e.currentVersion() + "\"")
                .with("currentVersion", e.currentVersion())
                .at(uri.getPath())
                .toResponse()
                .tag(Versions.etag(e.currentVersion()))
                .build();
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e, UriInfo uri) {
        return Problem.of(
                        422,
                        "idempotency-key-reused",
                        "Idempotency-Key reused for a different request",
                        e.getMessage() + "; use a new key for a new request")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "malformed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
