package io.tracker.projection.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tracker.http.Problem;
import io.tracker.http.Roles;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Figures;
import io.tracker.projection.persistence.FigureQueries;

/** The figures behind an agreement's story (indicators) and the claims its sources make, apart from the facts. */
@Path("/agreements/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.RECORDER})
@SecurityRequirement(name = "jwt")
@APIResponse(
        responseCode = "400",
        description = "A parameter is not valid",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token's roles do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Agreements", description = "Where an agreement stands, now and as of any date")
public class FiguresResource {
    private static final String AS_OF =
            "Business date (YYYY-MM-DD): indicators of a period begun by that day, " + "claims made by then.";
    private static final String KNOWN_AT = "Recorded time (RFC 3339, or YYYY-MM-DD for the end of that day, UTC): "
            + "only what had been recorded by then counts, corrections and retractions included.";

    private final FigureQueries queries;

    FiguresResource(FigureQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("indicators")
    @Operation(
            summary = "The figures the sources state (value, qualifier, unit, currency, period, scope, sources), "
                    + "as corrected; retracted ones left out")
    @APIResponse(
            responseCode = "200",
            description = "The indicators as of the question (empty when none)",
            content = @Content(schema = @Schema(implementation = Figures.Indicators.class)))
    public Uni<Figures.Indicators> indicators(
            @PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF, example = "2024-12-31") String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.figures(agreementId, question.knownAt())
                .map(events -> Figures.indicators(agreementId, events, question));
    }

    @GET
    @Path("claims")
    @Operation(
            summary = "Statements attributed to their sources (claims), kept apart from the facts and never "
                    + "counted as a fact's support; a source without a named publisher reads \"publisher not stated\"")
    @APIResponse(
            responseCode = "200",
            description = "The claims as of the question (empty when none)",
            content = @Content(schema = @Schema(implementation = Figures.Claims.class)))
    public Uni<Figures.Claims> claims(
            @PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.figures(agreementId, question.knownAt())
                .map(events -> Figures.claims(agreementId, events, question));
    }
}
