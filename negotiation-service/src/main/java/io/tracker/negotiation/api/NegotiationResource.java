package io.tracker.negotiation.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tracker.core.api.CommandEndpoint;
import io.tracker.core.api.CommandHeaders;
import io.tracker.core.api.Versions;
import io.tracker.core.api.checks.CheckedRequests;
import io.tracker.http.Roles;
import io.tracker.negotiation.api.request.FigureRequests;
import io.tracker.negotiation.api.request.Requests;
import io.tracker.negotiation.application.NegotiationCommands;
import io.tracker.negotiation.domain.NegotiationCommand;

/**
 * Commands and reads of negotiations. Every command takes an optional {@code If-Match} (the ETag of the
 * version the client read; stale → 412) and an {@code Idempotency-Key} (a retry returns the first answer).
 */
@Path("/negotiations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "negotiations")
@APIResponse(responseCode = "400", description = "invalid request (problem+json naming the fields)")
@APIResponse(responseCode = "401", description = "no valid bearer token")
@APIResponse(responseCode = "403", description = "the token's roles do not allow this (writes need recorder)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "412", description = "If-Match names an old version (problem+json with currentVersion)")
@APIResponse(responseCode = "422", description = "a rule of the domain refuses the command (problem+json with code)")
@CheckedRequests
public class NegotiationResource {
    private static final String ID = Requests.ID;

    private final NegotiationCommands commands;
    private final CommandEndpoint<NegotiationCommand> endpoint;
    private final SecurityIdentity identity;

    NegotiationResource(NegotiationCommands commands, ObjectMapper mapper, SecurityIdentity identity) {
        this.commands = commands;
        this.endpoint = new CommandEndpoint<>(mapper, "negotiation", commands::handle);
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Operation(summary = "Open a negotiation (start tracking it)")
    @APIResponse(responseCode = "201", description = "opened; Location and ETag set")
    @APIResponse(responseCode = "409", description = "a negotiation with this id exists")
    public Uni<Response> open(
            @Valid @NotNull Requests.OpenNegotiation body,
            @HeaderParam(CommandHeaders.IDEMPOTENCY_KEY) String key,
            @HeaderParam(CommandHeaders.CORRELATION_ID) String correlation) {
        return run(
                "open",
                body,
                CommandHeaders.forCreation(key, correlation),
                () -> CommandMapper.open(body, today()),
                URI.create("/negotiations/" + body.id()));
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/leaders-meetings")
    @Operation(summary = "Record a meeting of leaders")
    public Uni<Response> leaders(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.LeadersMeeting body,
            @BeanParam CommandHeaders headers) {
        return run("leaders:" + id, body, headers, () -> CommandMapper.leaders(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/talks")
    @Operation(summary = "Record ministerial, delegation or officials' talks")
    public Uni<Response> talks(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Talks body,
            @BeanParam CommandHeaders headers) {
        return run("talks:" + id, body, headers, () -> CommandMapper.talks(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/mous")
    @Operation(summary = "Record a signed memorandum of understanding")
    public Uni<Response> mou(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Mou body,
            @BeanParam CommandHeaders headers) {
        return run("mou:" + id, body, headers, () -> CommandMapper.mou(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/committees")
    @Operation(summary = "Record a committee formed under an MOU or agreement")
    public Uni<Response> committee(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Committee body,
            @BeanParam CommandHeaders headers) {
        return run("committee:" + id, body, headers, () -> CommandMapper.committee(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/forums")
    @Operation(summary = "Record a forum established")
    public Uni<Response> forum(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Forum body,
            @BeanParam CommandHeaders headers) {
        return run("forum:" + id, body, headers, () -> CommandMapper.forum(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/trade-missions")
    @Operation(summary = "Record a trade mission announced or planned")
    public Uni<Response> mission(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.TradeMission body,
            @BeanParam CommandHeaders headers) {
        return run("mission:" + id, body, headers, () -> CommandMapper.mission(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/trade-missions/{missionId}/completion")
    @Operation(summary = "Record that an announced trade mission took place")
    public Uni<Response> missionCompleted(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @PathParam("missionId") @Pattern(regexp = ID) String missionId,
            @Valid @NotNull Requests.TradeMissionCompletion body,
            @BeanParam CommandHeaders headers) {
        return run(
                "mission-completed:" + id + ":" + missionId,
                body,
                headers,
                () -> CommandMapper.missionCompleted(id, missionId, body, today()),
                null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/agreements")
    @Operation(summary = "Record a concluded agreement")
    public Uni<Response> agreement(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Agreement body,
            @BeanParam CommandHeaders headers) {
        return run("agreement:" + id, body, headers, () -> CommandMapper.agreement(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/stall")
    @Operation(summary = "Record that the negotiation stalled")
    public Uni<Response> stall(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.StatusChange body,
            @BeanParam CommandHeaders headers) {
        return run("stall:" + id, body, headers, () -> CommandMapper.stall(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/resume")
    @Operation(summary = "Record that a stalled negotiation resumed")
    public Uni<Response> resume(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.StatusChange body,
            @BeanParam CommandHeaders headers) {
        return run("resume:" + id, body, headers, () -> CommandMapper.resume(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/termination")
    @Operation(summary = "Record that the negotiation was terminated")
    public Uni<Response> terminate(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.StatusChange body,
            @BeanParam CommandHeaders headers) {
        return run("terminate:" + id, body, headers, () -> CommandMapper.terminate(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/corrections")
    @Operation(summary = "Correct an earlier fact; the original stays in the history")
    public Uni<Response> correct(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Correction body,
            @BeanParam CommandHeaders headers) {
        return run("correct:" + id, body, headers, () -> CommandMapper.correct(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/retractions")
    @Operation(summary = "Retract an earlier fact; the original stays in the history")
    public Uni<Response> retract(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Retraction body,
            @BeanParam CommandHeaders headers) {
        return run("retract:" + id, body, headers, () -> CommandMapper.retract(id, body), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/indicators")
    @Operation(summary = "Record a figure a source states (value, unit, period, scope, sources)")
    public Uni<Response> indicator(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull FigureRequests.RecordIndicator body,
            @BeanParam CommandHeaders headers) {
        return run("indicator:" + id, body, headers, () -> CommandMapper.indicator(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/indicator-corrections")
    @Operation(summary = "Correct an earlier indicator; the original stays in the history")
    public Uni<Response> correctIndicator(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull FigureRequests.IndicatorCorrection body,
            @BeanParam CommandHeaders headers) {
        return run(
                "correct-indicator:" + id,
                body,
                headers,
                () -> CommandMapper.correctIndicator(id, body, today()),
                null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/indicator-retractions")
    @Operation(summary = "Retract an earlier indicator; the original stays in the history")
    public Uni<Response> retractIndicator(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull FigureRequests.FigureRetraction body,
            @BeanParam CommandHeaders headers) {
        return run("retract-indicator:" + id, body, headers, () -> CommandMapper.retractIndicator(id, body), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/claims")
    @Operation(summary = "Record a statement attributed to its source (a claim, never a fact)")
    public Uni<Response> claim(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull FigureRequests.RecordClaim body,
            @BeanParam CommandHeaders headers) {
        return run("claim:" + id, body, headers, () -> CommandMapper.claim(id, body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/claim-retractions")
    @Operation(summary = "Retract an earlier claim recorded in error; the original stays in the history")
    public Uni<Response> retractClaim(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull FigureRequests.FigureRetraction body,
            @BeanParam CommandHeaders headers) {
        return run("retract-claim:" + id, body, headers, () -> CommandMapper.retractClaim(id, body), null);
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Path("/{id}")
    @Operation(summary = "A negotiation's current state; the ETag is its version")
    @APIResponse(responseCode = "404", description = "no such negotiation")
    public Uni<Response> get(@PathParam("id") @Pattern(regexp = ID) String id) {
        return endpoint.existing(commands.load(id), id).onItem().transform(loaded -> Response.ok(
                        NegotiationView.of(loaded, commands.events(loaded)))
                .tag(Versions.etag(loaded.version()))
                .build());
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Path("/{id}/events")
    @Operation(summary = "The negotiation's raw event history, in version order")
    @APIResponse(responseCode = "404", description = "no such negotiation")
    public Uni<Response> history(@PathParam("id") @Pattern(regexp = ID) String id) {
        return endpoint.history(commands.load(id), id);
    }

    private Uni<Response> run(
            String what, Object body, CommandHeaders headers, Supplier<NegotiationCommand> command, URI location) {
        return endpoint.run(what, body, headers, actor(), command, location);
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
