package io.tracker.http;

import java.net.SocketException;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The refusals every API answers alike, as RFC 9457 problem+json: no or a bad token (401), roles that do not allow
 * the request (403), the REST layer's own refusals ({@code http-<status>}), an unreachable database (503 with
 * Retry-After), anything else (a bare 500, details in the log), and the explicit bad-input exceptions
 * ({@link BadInputException}: es-core's {@code BadFieldException}, {@code BadHeaderException}, the projection's
 * {@code BadParameterException}), the only 400 naming an input: an {@code IllegalArgumentException} of our own code
 * is a bug, not the client's fault, and is answered as the 500 it is.
 */
@Singleton
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ServiceProblems texts;

    public ProblemMappers(ServiceProblems texts) {
        this.texts = texts;
    }

    /** Input the client must change (a {@link BadInputException}): the only 400 of this kind, naming the input. */
    @ServerExceptionMapper
    public Response badInput(BadInputException e, UriInfo uri) {
        return Problem.of(400, e.type(), e.title(), e.detail())
                .withError(e.input(), e.getMessage())
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Problem.of(
                        401,
                        ProblemTypes.UNAUTHORIZED,
                        "Authentication required",
                        "send a valid bearer token (Authorization: Bearer <JWT>)")
                .at(uri.getPath())
                .toResponse()
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, ProblemTypes.FORBIDDEN, "Not allowed", "your token's roles do not allow this request")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    /** The REST layer's own refusals (404, 405, 406, 415, …): its messages name no code once cleaned. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Problem known = e.getCause() == null ? null : texts.ofCause(e.getCause());
        if (known != null) {
            return known.at(uri.getPath()).toResponse().build();
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null ? status.getReasonPhrase() : ClientMessages.clean(e.getMessage());
        return Problem.of(
                        status.getStatusCode(),
                        ProblemTypes.HTTP_PREFIX + status.getStatusCode(),
                        status.getReasonPhrase(),
                        detail)
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    /**
     * The database is unreachable: the client may retry. {@code SocketException} covers a refused connection
     * ({@code ConnectException}) and a connection reset mid-query (the server going away); unmapped, an
     * IOException is answered with a bare 500 and logged at DEBUG only.
     */
    @ServerExceptionMapper({ClosedConnectionException.class, SocketException.class, NoStackTraceThrowable.class})
    public Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("database unavailable for %s: %s", uri.getPath(), e.toString());
        return Problem.of(503, ProblemTypes.UNAVAILABLE, "Temporarily unavailable", texts.unavailable())
                .at(uri.getPath())
                .toResponse()
                .header("Retry-After", "1")
                .build();
    }

    /**
     * A database error: unavailable (connection, shutdown, too many connections, a lock not granted within its
     * {@code lock_timeout}, e.g. a rebuild's DDL queued behind a long query: the same request can succeed a moment
     * later) or a 500.
     */
    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
        String state = e.getSqlState();
        if (state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.equals("53300")
                        || state.equals("55P03"))) {
            return unavailable(e, uri);
        }
        LOG.errorf(e, "database error on %s", uri.getPath());
        return internal(uri);
    }

    /** Anything else, an {@code IllegalArgumentException} included: a 500 that says nothing about the code. */
    @ServerExceptionMapper(priority = Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return internal(uri);
    }

    /** The bare 500 problem (for mappers of a service's own wrapped failures, too). */
    public Response internal(UriInfo uri) {
        return Problem.of(500, ProblemTypes.INTERNAL, "Internal error", texts.failed())
                .at(uri.getPath())
                .toResponse()
                .build();
    }
}
