package io.tracker.investment.api;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tracker.core.api.checks.CheckedRequests;
import io.tracker.core.application.DomainRejectedException;
import io.tracker.core.domain.DomainError;
import io.tracker.core.domain.StreamId;
import io.tracker.http.Roles;
import io.tracker.investment.negotiations.KnownNegotiation;
import io.tracker.investment.negotiations.KnownNegotiationRepository;

/** Read-only: whether this service knows a negotiation yet (what a link to it is checked against). */
@Path("/known-negotiations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "known negotiations")
@APIResponse(responseCode = "401", description = "no valid bearer token")
@APIResponse(responseCode = "403", description = "the token's roles do not allow this")
@SecurityRequirement(name = "jwt")
@CheckedRequests
public class KnownNegotiationResource {
    private final KnownNegotiationRepository repository;

    KnownNegotiationResource(KnownNegotiationRepository repository) {
        this.repository = repository;
    }

    @Schema(description = "A negotiation as this service knows it from tracker.negotiation.events")
    public record KnownNegotiationView(
            @Schema(example = "ca-kr-industrial-cooperation")
            String id,

            String title,
            boolean terminated,
            @Schema(example = "2026-06") String terminatedOn,
            LocalDate terminatedUntil,

            @Schema(description = "stream version of the last negotiation event applied")
            long lastVersion,

            OffsetDateTime firstSeenAt,
            OffsetDateTime updatedAt) {

        static KnownNegotiationView of(KnownNegotiation n) {
            return new KnownNegotiationView(
                    n.id,
                    n.title,
                    n.terminated,
                    n.terminatedOn,
                    n.terminatedUntil,
                    n.lastVersion,
                    n.firstSeenAt,
                    n.updatedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Path("/{id}")
    @Operation(summary = "A negotiation this service has learned about (it may be a moment behind negotiation-service)")
    @APIResponse(responseCode = "404", description = "not known (yet) to this service")
    public Uni<KnownNegotiationView> get(@PathParam("id") @Pattern(regexp = StreamId.PATTERN) String id) {
        return repository.byId(id).onItem().transform(n -> {
            if (n == null) {
                throw new DomainRejectedException(new DomainError(
                        DomainError.Kind.NOT_FOUND,
                        "not-found",
                        "negotiation '" + id + "' is not known to this service (yet)",
                        null));
            }
            return KnownNegotiationView.of(n);
        });
    }
}
