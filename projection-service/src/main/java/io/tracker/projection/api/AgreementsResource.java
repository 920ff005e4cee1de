package io.tracker.projection.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tracker.http.Problem;
import io.tracker.http.Roles;
import io.tracker.projection.domain.AgreementFilter;
import io.tracker.projection.domain.AgreementInvestments;
import io.tracker.projection.domain.AgreementRow;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Timeline;

/**
 * Where agreements stand. Status, timeline and investments answer "as of": {@code asOf} is a business date
 * (what had happened by that day), {@code knownAt} a recorded time (what had been recorded by then); both
 * default to "no limit".
 */
@Path("/agreements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ANALYST, Roles.RECORDER})
@SecurityRequirement(name = "jwt")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token's roles do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Agreements", description = "Where an agreement stands, now and as of any date")
public class AgreementsResource {
    private static final String AS_OF = "Business date (YYYY-MM-DD): only what had happened by that day counts.";
    private static final String KNOWN_AT = "Recorded time (RFC 3339, or YYYY-MM-DD for the end of that day, UTC): "
            + "only what had been recorded by then counts, corrections and retractions included.";

    private static final String LIST_EXAMPLE =
            "[{\"id\":\"ca-kr-industrial-cooperation\",\"title\":\"Canada–Korea industrial "
                    + "cooperation\",\"parties\":[\"CA\",\"KR\"],\"stage\":\"COMMITTEE_FORMED\",\"lastMilestone\":{\"milestone\":"
                    + "\"COMMITTEE\",\"state\":\"REACHED\",\"summary\":\"committee: formed\",\"date\":{\"text\":\"2026-01-29\"}},"
                    + "\"milestonesReached\":4,\"pendingMilestones\":2,\"binding\":false,\"focusAreas\":[\"AUTOMOTIVE_MANUFACTURING\"],"
                    + "\"lastVersion\":10,\"lastRecordedAt\":\"2026-02-02T15:40:00Z\"}]";
    private static final String LIST_CSV =
            "id,title,parties,stage,lastMilestone,lastMilestoneSummary,lastMilestoneDate,"
                    + "milestonesReached,pendingMilestones,binding,focusAreas,lastVersion,lastRecordedAt\r\n"
                    + "ca-kr-industrial-cooperation,Canada–Korea industrial cooperation,CA; KR,COMMITTEE_FORMED,COMMITTEE,"
                    + "committee: formed,2026-01-29,4,2,false,AUTOMOTIVE_MANUFACTURING; ELECTRIC_VEHICLES,10,2026-02-02T15:40:00Z\r\n";

    private final AgreementAnswers answers;
    private final Changes changeAnswers;
    private final AgreementStatusStream statusStream;

    AgreementsResource(AgreementAnswers answers, Changes changeAnswers, AgreementStatusStream statusStream) {
        this.answers = answers;
        this.changeAnswers = changeAnswers;
        this.statusStream = statusStream;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV})
    @Operation(
            summary =
                    "The agreements as of the question, filtered, sorted and paged (a JSON array, or CSV); "
                            + "the next page's link is in the Link header (rel=\"next\"), the number of matching agreements in X-Total-Count")
    @APIResponse(
            responseCode = "200",
            description = "One page of agreements",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AgreementRow.class, type = SchemaType.ARRAY),
                        examples = @ExampleObject(name = "agreements", value = LIST_EXAMPLE)),
                @Content(mediaType = Exports.CSV, examples = @ExampleObject(name = "csv", value = LIST_CSV))
            })
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid (errors[].field names it)",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "bad-parameter", value = AcrossResource.BAD_EXAMPLE)))
    public Uni<Response> list(
            @QueryParam("party") @Parameter(description = "A party (ISO 3166-1 alpha-2)", example = "KR") String party,
            @QueryParam("stage")
                    @Parameter(description = "Stages, comma-separated", example = "MOU_SIGNED,COMMITTEE_FORMED")
                    String stage,
            @QueryParam("binding") @Parameter(description = "true: a binding instrument in force; false: none")
                    String binding,
            @QueryParam("focusArea") @Parameter(description = "A focus area", example = "ELECTRIC_VEHICLES")
                    String focusArea,
            @QueryParam("reached") @Parameter(description = "A milestone reached", example = "MOU") String reached,
            @QueryParam("pending")
                    @Parameter(description = "A milestone pending (announced or planned)", example = "FORUM")
                    String pending,
            @QueryParam("from") @Parameter(description = "An event in force dated on or after this day") String from,
            @QueryParam("to") @Parameter(description = "An event in force dated on or before this day") String to,
            @QueryParam("q") @Parameter(description = "A part of the id or title") String q,
            @QueryParam("sort")
                    @Parameter(
                            description = "id (default), title, stage, lastMilestoneDate, lastRecordedAt; "
                                    + "a leading - reverses")
                    String sort,
            @QueryParam("cursor") @Parameter(description = "Where the page starts (from the previous page's Link)")
                    String cursor,
            @QueryParam("limit") @Parameter(description = "Page size, 1–1000 (default 500)") String limit,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt,
            @QueryParam("format") @Parameter(description = AcrossResource.FORMAT) String format,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        AgreementFilter filter =
                ListQuestions.agreements(party, stage, binding, focusArea, reached, pending, from, to, q);
        ListPage paging = ListPage.sortedBy(sort);
        int size = ListQuestions.limit(limit);
        AsOf question = Questions.asOf(asOf, knownAt);
        boolean csv = Exports.csv(format, headers);
        return answers.page(question, filter, paging, cursor, size).map(page -> ListPageResponse.of(page, csv, uri));
    }

    @GET
    @Path("{id}")
    @Operation(
            summary = "One agreement's status: stage, milestones reached and pending, binding or not, "
                    + "participants, focus areas")
    @APIResponse(
            responseCode = "200",
            description = "The status as of the question",
            content = @Content(schema = @Schema(implementation = AgreementStatus.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Nothing recorded about this agreement (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgreementStatus> status(
            @PathParam("id")
                    @Parameter(
                            description = "The agreement (negotiation) id",
                            schema = @Schema(type = SchemaType.STRING, pattern = Questions.ID_PATTERN))
                    String id,
            @QueryParam("asOf") @Parameter(description = AS_OF, example = "2025-12-01") String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT, example = "2026-01-30T12:00:00Z")
                    String knownAt) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        return answers.status(agreementId, question);
    }

    @GET
    @Path("{id}/timeline")
    @Operation(
            summary = "The agreement's events in business-date order, with date precision, sources and their "
                    + "kind; corrected and retracted events marked as such, with the corrections and retractions")
    @APIResponse(
            responseCode = "200",
            description = "The timeline as of the question",
            content = @Content(schema = @Schema(implementation = Timeline.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Nothing recorded about this agreement (by knownAt)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV})
    public Uni<Response> timeline(
            @PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt,
            @QueryParam("format") @Parameter(description = AcrossResource.FORMAT) String format,
            @Context HttpHeaders headers) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        boolean csv = Exports.csv(format, headers);
        return answers.timeline(agreementId, question)
                .map(timeline -> Exports.respond(
                        csv,
                        timeline,
                        () -> CsvTables.timeline(agreementId, timeline.entries()),
                        agreementId + "-timeline"));
    }

    @GET
    @Path("{id}/investments")
    @Operation(
            summary = "The investments linked to the agreement, with totals by investor, sector and province, "
                    + "per currency; undisclosed amounts counted apart, withdrawn investments not totalled")
    @APIResponse(
            responseCode = "200",
            description = "The investments as of the question (also when the "
                    + "agreement itself has not been received yet)",
            content = @Content(schema = @Schema(implementation = AgreementInvestments.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV})
    public Uni<Response> investments(
            @PathParam("id") String id,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt,
            @QueryParam("format") @Parameter(description = AcrossResource.FORMAT) String format,
            @Context HttpHeaders headers) {
        String agreementId = Questions.id(id);
        AsOf question = Questions.asOf(asOf, knownAt);
        boolean csv = Exports.csv(format, headers);
        return answers.investments(agreementId, question)
                .map(answer -> Exports.respond(
                        csv, answer, () -> CsvTables.investments(answer.investments()), agreementId + "-investments"));
    }

    @GET
    @Path("{id}/changes")
    @Produces({MediaType.APPLICATION_JSON, Exports.CSV})
    @Operation(
            summary = "What was learned about the agreement (and the investments naming it) between two recorded "
                    + "times, or since a position: facts added, corrected and retracted, in the order recorded")
    @APIResponse(
            responseCode = "200",
            description = "The changes; continue with since=next",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Changes.Answer.class),
                        examples = @ExampleObject(name = "changes", value = AcrossResource.CHANGES_EXAMPLE)),
                @Content(mediaType = Exports.CSV)
            })
    @APIResponse(
            responseCode = "400",
            description = "A parameter is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> changes(
            @PathParam("id") String id,
            @QueryParam("from") @Parameter(description = "Recorded after this time (exclusive)") String from,
            @QueryParam("to") @Parameter(description = "Recorded by this time (inclusive; default: now)") String to,
            @QueryParam("since") @Parameter(description = "Continue after this position ('next')") String since,
            @QueryParam("limit") @Parameter(description = "At most this many changes (1–5000, default 500)")
                    String limit,
            @QueryParam("format") @Parameter(description = AcrossResource.FORMAT) String format,
            @Context HttpHeaders headers) {
        String agreementId = Questions.id(id);
        boolean csv = Exports.csv(format, headers);
        return changeAnswers
                .answer(agreementId, from, to, since, limit)
                .map(answer -> Exports.respond(
                        csv, answer, () -> CsvTables.changes(answer.changes()), agreementId + "-changes"));
    }

    @GET
    @Path("{id}/status/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Live updates of the agreement's status (now) as Server-Sent Events: the current status, "
                    + "then a new one whenever a change is committed; between them a comment line (`: heartbeat`) every "
                    + "tracker.sse.heartbeat (15 s), so that proxies do not cut an idle stream. At most "
                    + "tracker.sse.max-connections (1,000) streams per replica: beyond, 503 with Retry-After")
    public Multi<OutboundSseEvent> statusUpdates(@PathParam("id") String id, @Context Sse sse) {
        String agreementId = Questions.id(id);
        return statusStream.open(agreementId, sse);
    }
}
