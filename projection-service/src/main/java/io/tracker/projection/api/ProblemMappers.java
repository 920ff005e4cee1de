package io.tracker.projection.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tracker.projection.persistence.GenerationStore;
import io.vertx.pgclient.PgException;

/** Every refusal as RFC 9457 problem+json. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e, UriInfo uri) {
        return Problem.of(400, "bad-parameter", "A parameter is not valid", e.getMessage())
                .withErrors(List.of(new Problem.FieldError(e.parameter(), e.getMessage()))).at(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return Problem.of(404, "not-found", "Not found", e.getMessage()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response rebuildRunning(GenerationStore.RebuildRunningException e, UriInfo uri) {
        return Problem.of(409, "rebuild-running", "A rebuild is already under way",
                e.getMessage() + "; follow it at GET /admin/rebuild").at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "unauthorized", "Authentication required",
                "send a valid bearer token (Authorization: Bearer <JWT>)").at(uri.getPath()).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "forbidden", "Not allowed", "your token's roles do not allow this request")
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        // the REST layer's messages ("HTTP 404 Not Found", "HTTP 415 Unsupported Media Type") name no code
        String detail = e.getMessage() == null || e.getMessage().matches(".*\\b(java|jakarta|io|org|com)\\.[a-z].*")
                ? status.getReasonPhrase() : e.getMessage();
        return Problem.of(status.getStatusCode(), "http-" + status.getStatusCode(), status.getReasonPhrase(), detail)
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyStreams(SseConnections.TooManyStreams e, UriInfo uri) {
        return Response.fromResponse(Problem.of(503, "too-many-streams", "Too many live streams", e.getMessage())
                .at(uri.getPath()).toResponse()).header("Retry-After", "5").build();
    }

    /** The database cannot answer now: the client may retry. */
    @ServerExceptionMapper({ io.vertx.sqlclient.ClosedConnectionException.class, java.net.ConnectException.class,
            io.vertx.core.impl.NoStackTraceThrowable.class })
    public Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("database unavailable for %s: %s", uri.getPath(), e.toString());
        return Response.fromResponse(Problem.of(503, "unavailable", "Temporarily unavailable",
                "the read models cannot be reached; retry shortly").at(uri.getPath()).toResponse())
                .header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
        String state = e.getSqlState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
            return unavailable(e, uri);
        }
        LOG.errorf(e, "database error on %s", uri.getPath());
        return Problem.of(500, "internal", "Internal error", "the query failed").at(uri.getPath()).toResponse();
    }

    /** Anything else: a 500 problem that says nothing about the code (the log has the details). */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return Problem.of(500, "internal", "Internal error", "the query failed").at(uri.getPath()).toResponse();
    }
}
