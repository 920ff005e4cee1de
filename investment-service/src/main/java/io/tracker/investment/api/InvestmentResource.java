package io.tracker.investment.api;

import java.net.URI;
import java.util.List;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
import io.tracker.investment.api.request.Requests;
import io.tracker.investment.application.InvestmentCommands;
import io.tracker.investment.domain.InvestmentCommand;

/**
 * Commands and reads of investments. Every command takes an optional {@code If-Match} (the ETag of the
 * version the client read; stale → 412) and an {@code Idempotency-Key} (a retry returns the first answer).
 * Writes need the role {@code recorder}, reads {@code analyst} or {@code recorder}; the token's user is the
 * events' actor.
 */
@Path("/investments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "investments")
@APIResponse(responseCode = "400", description = "invalid request (problem+json naming the fields)")
@APIResponse(responseCode = "401", description = "no valid bearer token")
@APIResponse(responseCode = "403", description = "the token's roles do not allow this (writes need recorder)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "412", description = "If-Match names an old version (problem+json with currentVersion)")
@APIResponse(responseCode = "422", description = "a rule of the domain refuses the command (problem+json with code)")
@CheckedRequests
public class InvestmentResource {
    private static final String ID = Requests.ID;

    private final InvestmentCommands commands;
    private final InvestmentQueries queries;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    InvestmentResource(
            InvestmentCommands commands, InvestmentQueries queries, ObjectMapper mapper, SecurityIdentity identity) {
        this.commands = commands;
        this.queries = queries;
        this.mapper = mapper;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Operation(
            summary = "Announce an investment (start tracking it), linked to negotiations this service knows",
            description = "Every id in negotiationIds must be a negotiation this service has learned about from "
                    + "tracker.negotiation.events; otherwise 422 unknown-negotiation. The view may be a moment "
                    + "behind negotiation-service: a negotiation opened just now may need a retry shortly.")
    @APIResponse(responseCode = "201", description = "announced; Location and ETag set")
    @APIResponse(responseCode = "409", description = "an investment with this id exists")
    public Uni<Response> announce(
            @Valid @NotNull Requests.AnnounceInvestment body,
            @HeaderParam(CommandHeaders.IDEMPOTENCY_KEY) String key,
            @HeaderParam(CommandHeaders.CORRELATION_ID) String correlation) {
        return run(
                body.investmentId(),
                "announce",
                body,
                CommandHeaders.forCreation(key, correlation),
                () -> CommandMapper.announce(body, today()),
                URI.create("/investments/" + body.investmentId()));
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/commitment")
    @Operation(summary = "Record that the investment was committed (once)")
    public Uni<Response> commit(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Commitment body,
            @BeanParam CommandHeaders headers) {
        return run(id, "commit", body, headers, () -> CommandMapper.commit(body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/revisions")
    @Operation(summary = "Record new figures (amount and/or jobs)")
    public Uni<Response> revise(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Revision body,
            @BeanParam CommandHeaders headers) {
        return run(id, "revise", body, headers, () -> CommandMapper.revise(body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/milestones")
    @Operation(summary = "Record a milestone of a committed investment")
    public Uni<Response> milestone(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.MilestoneReached body,
            @BeanParam CommandHeaders headers) {
        return run(id, "milestone", body, headers, () -> CommandMapper.milestone(body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/withdrawal")
    @Operation(summary = "Record that the investment was withdrawn")
    public Uni<Response> withdraw(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Withdrawal body,
            @BeanParam CommandHeaders headers) {
        return run(id, "withdraw", body, headers, () -> CommandMapper.withdraw(body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/corrections")
    @Operation(
            summary = "Correct values of an earlier fact; the original stays in the history",
            description = "New negotiationIds must be known to this service, as for an announcement.")
    public Uni<Response> correct(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Correction body,
            @BeanParam CommandHeaders headers) {
        return run(id, "correct", body, headers, () -> CommandMapper.correct(body, today()), null);
    }

    @POST
    @RolesAllowed(Roles.RECORDER)
    @Path("/{id}/retractions")
    @Operation(summary = "Retract an earlier fact; the original stays in the history")
    public Uni<Response> retract(
            @PathParam("id") @Pattern(regexp = ID) String id,
            @Valid @NotNull Requests.Retraction body,
            @BeanParam CommandHeaders headers) {
        return run(id, "retract", body, headers, () -> CommandMapper.retract(body), null);
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Path("/{id}")
    @Operation(summary = "An investment's current state; the ETag is its version")
    @APIResponse(responseCode = "404", description = "no such investment")
    public Uni<Response> get(@PathParam("id") @Pattern(regexp = ID) String id) {
        return endpoint(id).existing(commands.load(id), id).onItem().transform(loaded -> Response.ok(
                        InvestmentView.of(loaded))
                .tag(Versions.etag(loaded.version()))
                .build());
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Path("/{id}/events")
    @Operation(summary = "The investment's raw event history, in version order")
    @APIResponse(responseCode = "404", description = "no such investment")
    public Uni<Response> history(@PathParam("id") @Pattern(regexp = ID) String id) {
        return endpoint(id).history(commands.load(id), id);
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.RECORDER})
    @Operation(summary = "The investments currently linked to a negotiation (at most 200, by id)")
    public Uni<List<InvestmentView>> linkedTo(
            @Parameter(example = "ca-kr-industrial-cooperation", required = true)
                    @QueryParam("negotiationId")
                    @NotNull
                    @Pattern(regexp = ID, message = Requests.ID_MESSAGE)
                    String negotiationId) {
        return queries.linkedTo(negotiationId);
    }

    private Uni<Response> run(
            String id,
            String what,
            Object body,
            CommandHeaders headers,
            Supplier<InvestmentCommand> command,
            URI location) {
        return endpoint(id).run(what + ":" + id, body, headers, actor(), command, location);
    }

    /** The investment's commands carry no id but the announcement's: the endpoint binds the path's. */
    private CommandEndpoint<InvestmentCommand> endpoint(String id) {
        return new CommandEndpoint<>(
                mapper, "investment", (c, expected, context) -> commands.handle(id, c, expected, context));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static java.time.LocalDate today() {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    }
}
