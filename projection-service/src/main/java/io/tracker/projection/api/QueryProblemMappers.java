package io.tracker.projection.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.tracker.http.Problem;
import io.tracker.projection.persistence.GenerationStore;

/**
 * The query API's own refusals as RFC 9457 problem+json: nothing known (404), a rebuild already running (409), too
 * many live streams (503). What every API answers alike (a {@link BadParameterException} as a 400 naming the
 * parameter, 401, 403, the REST layer's refusals, an unreachable database, anything unexpected) is http-conventions'
 * {@link io.tracker.http.ProblemMappers}, worded by {@link QueryProblems}.
 */
public class QueryProblemMappers {

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return Problem.of(404, "not-found", "Not found", e.getMessage())
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response rebuildRunning(GenerationStore.RebuildRunningException e, UriInfo uri) {
        return Problem.of(
                        409,
                        "rebuild-running",
                        "A rebuild is already under way",
                        e.getMessage() + "; follow it at GET /admin/rebuild")
                .at(uri.getPath())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response tooManyStreams(SseConnections.TooManyStreams e, UriInfo uri) {
        return Problem.of(503, "too-many-streams", "Too many live streams", e.getMessage())
                .at(uri.getPath())
                .toResponse()
                .header("Retry-After", "5")
                .build();
    }
}
