package io.tracker.projection.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tracker.http.Problem;
import io.tracker.http.Roles;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.persistence.GenerationEntity;
import io.tracker.projection.rebuild.RebuildService;

/** Rebuilds the read models from the beginning of the topics, while queries keep answering from the current ones. */
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token's roles do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Operations")
public class RebuildResource {
    private final RebuildService rebuild;

    RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Operation(summary = "Start a rebuild: replay both topics into a new generation, switch over when caught up")
    @APIResponse(
            responseCode = "202",
            description = "Started; follow it at the Location",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(
            responseCode = "409",
            description = "A rebuild is already under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start() {
        return rebuild.start().chain(started -> status(started.generation())).map(status -> Response.accepted(status)
                .location(URI.create("/admin/rebuild"))
                .build());
    }

    @DELETE
    @RolesAllowed(Roles.RECORDER)
    @Operation(summary = "Abandon the rebuild under way; the active generation keeps answering")
    @APIResponse(
            responseCode = "200",
            description = "Abandoned: the rebuild's status (state FAILED)",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    @APIResponse(
            responseCode = "404",
            description = "No rebuild is under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RebuildStatus> abandon() {
        return rebuild.abandon().chain(abandoned -> {
            if (abandoned.isEmpty()) {
                throw new NotFoundProblem("no rebuild is under way");
            }
            return status(abandoned.get().generation());
        });
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Operation(summary = "The latest rebuild and where it is")
    @APIResponse(
            responseCode = "200",
            description = "The latest rebuild (state NONE if there was none)",
            content = @Content(schema = @Schema(implementation = RebuildStatus.class)))
    public Uni<RebuildStatus> status() {
        return status(null);
    }

    private Uni<RebuildStatus> status(Integer generation) {
        return Panache.withSession(() -> {
            Uni<GenerationEntity> latest =
                    generation == null ? GenerationEntity.latestRebuild() : GenerationEntity.findById(generation);
            return latest.chain(
                    g -> GenerationEntity.active().map(active -> view(g, active == null ? 0 : active.generation)));
        });
    }

    private RebuildStatus view(GenerationEntity g, int active) {
        if (g == null) {
            return new RebuildStatus(null, "NONE", null, active, null, null, 0, 0, 0, 0, List.of(), null);
        }
        ConsumerLoop loop = rebuild.current();
        boolean mine = loop != null
                && rebuild.currentGeneration() != null
                && rebuild.currentGeneration().generation() == g.generation;
        List<RebuildStatus.PartitionProgress> progress = new ArrayList<>();
        if (mine && "BUILDING".equals(g.state)) {
            rebuild.currentTarget()
                    .forEach((tp, end) -> progress.add(new RebuildStatus.PartitionProgress(
                            tp.topic(), tp.partition(), loop.positions().getOrDefault(tp, 0L), end)));
        }
        long applied = mine && "BUILDING".equals(g.state) ? loop.eventsApplied() : g.eventsApplied;
        long transactions = mine && "BUILDING".equals(g.state) ? loop.transactions() : g.transactions;
        return new RebuildStatus(
                g.generation,
                g.state,
                g.groupId,
                active,
                g.createdAt,
                g.activatedAt,
                applied,
                transactions,
                mine ? loop.duplicates() : 0,
                mine ? loop.poison() : g.poisonSkipped,
                progress,
                g.detail);
    }
}
