package io.tracker.projection.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementInvestments;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Timeline;
import io.tracker.projection.persistence.AgreementChanges;
import io.tracker.projection.persistence.AgreementSummaryEntity;
import io.tracker.projection.persistence.FactQueries;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * Where agreements stand. Status, timeline and investments answer "as of": {@code asOf} is a business date
 * (what had happened by that day), {@code knownAt} a recorded time (what had been recorded by then); both
 * default to "no limit".
 */
@Path("/agreements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANALYST, Roles.RECORDER })
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token's roles do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Agreements", description = "Where an agreement stands, now and as of any date")
public class AgreementsResource {
    private static final String AS_OF = "Business date (YYYY-MM-DD): only what had happened by that day counts.";
    private static final String KNOWN_AT = "Recorded time (RFC 3339, or YYYY-MM-DD for the end of that day, UTC): "
            + "only what had been recorded by then counts, corrections and retractions included.";

    private final FactQueries queries;
    private final AgreementChanges changes;

    private final Duration heartbeat;
    private final SseConnections connections;

    AgreementsResource(FactQueries queries, AgreementChanges changes,
            @ConfigProperty(name = "tracker.sse.heartbeat", defaultValue = "15s") Duration heartbeat,
            SseConnections connections) {
        this.queries = queries;
        this.changes = changes;
        this.heartbeat = heartbeat;
        this.connections = connections;
    }

    @GET
    @WithSession
    @Operation(summary = "The agreements, each with its stage and last milestone (now)")
    @APIResponse(responseCode = "200", description = "The agreements, by id")
    public Uni<List<AgreementListItem>> list() {
        return AgreementSummaryEntity.listActive().map(rows -> rows.stream().map(AgreementListItem::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One agreement's status: stage, milestones reached and pending, binding or not, "
            + "participants, focus areas")
    @APIResponse(responseCode = "200", description = "The status as of the question",
            content = @Content(schema = @Schema(implementation = AgreementStatus.class)))
    @APIResponse(responseCode = "400", description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing recorded about this agreement (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementStatus> status(@PathParam("id") @Parameter(description = "The agreement (negotiation) id",
            schema = @Schema(type = SchemaType.STRING, pattern = Questions.ID_PATTERN)) String id,
            @QueryParam("asOf") @Parameter(description = AS_OF, example = "2025-12-01") String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT, example = "2026-01-30T12:00:00Z") String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.negotiation(agreementId, question.knownAt())
                .map(events -> AgreementStatusCalculator.status(agreementId, events, question)
                        .orElseThrow(() -> notFound(agreementId, question)));
    }

    @GET
    @Path("{id}/timeline")
    @Operation(summary = "The agreement's events in business-date order, with date precision, sources and their "
            + "kind; corrected and retracted events marked as such, with the corrections and retractions")
    @APIResponse(responseCode = "200", description = "The timeline as of the question",
            content = @Content(schema = @Schema(implementation = Timeline.class)))
    @APIResponse(responseCode = "400", description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing recorded about this agreement (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Timeline> timeline(@PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.negotiation(agreementId, question.knownAt())
                .map(events -> Timeline.of(agreementId, events, question)
                        .orElseThrow(() -> notFound(agreementId, question)));
    }

    @GET
    @Path("{id}/investments")
    @Operation(summary = "The investments linked to the agreement, with totals by investor, sector and province, "
            + "per currency; undisclosed amounts counted apart, withdrawn investments not totalled")
    @APIResponse(responseCode = "200", description = "The investments as of the question (also when the "
            + "agreement itself has not been received yet)",
            content = @Content(schema = @Schema(implementation = AgreementInvestments.class)))
    @APIResponse(responseCode = "400", description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementInvestments> investments(@PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.investmentsNaming(agreementId, question.knownAt())
                .map(streams -> AgreementInvestments.of(agreementId, streams, question));
    }

    @GET
    @Path("{id}/status/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live updates of the agreement's status (now) as Server-Sent Events: the current status, "
            + "then a new one whenever a change is committed; between them a comment line (`: heartbeat`) every "
            + "tracker.sse.heartbeat (15 s), so that proxies do not cut an idle stream. At most "
            + "tracker.sse.max-connections (1,000) streams per replica: beyond, 503 with Retry-After")
    public Multi<OutboundSseEvent> statusUpdates(@PathParam("id") String id, @Context Sse sse) {
        String agreementId = Questions.id(id);
        connections.open();
        Multi<String> triggers = Multi.createBy().merging().streams(Multi.createFrom().item(agreementId),
                changes.stream().filter(changed -> changed.equals(agreementId) || changed.equals(ProjectionWriter.ALL)));
        Multi<AgreementStatus> statuses = triggers.onItem().transformToUniAndConcatenate(t -> queries.negotiation(agreementId, null)
                .map(events -> AgreementStatusCalculator.status(agreementId, events, AsOf.NOW).orElse(null)))
                .filter(Objects::nonNull)
                .skip().repetitions();
        Multi<OutboundSseEvent> events = statuses.map(status -> sse.newEventBuilder()
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AgreementStatus.class, status).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, heartbeats).onTermination().invoke(connections::close);
    }

    private static NotFoundProblem notFound(String id, AsOf question) {
        return new NotFoundProblem("nothing has been recorded about agreement '" + id + "'"
                + (question.knownAt() == null ? "" : " by " + question.knownAt()));
    }
}
