package io.tracker.projection.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tracker.http.Problem;
import io.tracker.http.Roles;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.InvestmentCalculator;
import io.tracker.projection.domain.InvestmentFilter;
import io.tracker.projection.domain.InvestmentsAcross;
import io.tracker.projection.domain.ParticipantIndex;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.SourceIndex;
import io.tracker.projection.persistence.AcrossQueries;

/**
 * Questions across agreements: investments (filtered, with totals that never count an undisclosed amount as 0),
 * who appears where, which facts rest on which source, and what changed between two recorded times. Each answers
 * as of a business date ({@code asOf}) and a recorded time ({@code knownAt}) like the per-agreement questions.
 */
@Path("/")
@Produces({MediaType.APPLICATION_JSON, Exports.CSV})
@RolesAllowed({Roles.ANALYST, Roles.RECORDER})
@SecurityRequirement(name = "jwt")
@APIResponse(
        responseCode = "400",
        description = "A parameter is not valid (errors[].field names it)",
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class),
                        examples = @ExampleObject(name = "bad-parameter", value = AcrossResource.BAD_EXAMPLE)))
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token's roles do not allow it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Tag(name = "Across agreements", description = "Investments, participants, sources and changes across agreements")
public class AcrossResource {
    static final String AS_OF = "Business date (YYYY-MM-DD): only what had happened by that day counts.";
    static final String KNOWN_AT = "Recorded time (RFC 3339, or YYYY-MM-DD for the end of that day, UTC).";
    static final String FORMAT = "json (default) or csv; without it, Accept: text/csv asks for CSV";
    static final String BAD_EXAMPLE = "{\"type\":\"/problems/bad-parameter\",\"title\":\"A parameter is not valid\","
            + "\"status\":400,\"detail\":\"'CAD1' is not a currency code (ISO 4217, e.g. CAD)\",\"instance\":\"/investments\","
            + "\"errors\":[{\"field\":\"currency\",\"message\":\"'CAD1' is not a currency code (ISO 4217, e.g. CAD)\"}]}";
    private static final String INVESTMENTS_EXAMPLE = "{\"asOf\":{\"businessDate\":null,\"knownAt\":null},"
            + "\"investments\":[{\"investmentId\":\"lges-canada-battery\",\"project\":\"NextStar Energy EV battery cell and module plant\","
            + "\"investor\":{\"name\":\"LG Energy Solution\",\"country\":\"KR\"},\"sector\":\"BATTERY_CELLS\","
            + "\"site\":{\"city\":\"Windsor\",\"province\":\"CA-ON\",\"country\":\"CA\"},"
            + "\"amount\":{\"amount\":\"5000000000.00\",\"currency\":\"CAD\"},\"state\":\"COMMITTED\","
            + "\"negotiationIds\":[\"ca-kr-industrial-cooperation\"]},"
            + "{\"investmentId\":\"posco-cathode\",\"amount\":{\"undisclosed\":true},\"state\":\"ANNOUNCED\"}],"
            + "\"total\":{\"key\":\"all\",\"disclosed\":[{\"currency\":\"CAD\",\"amount\":\"5000000000.00\",\"investments\":1}],"
            + "\"undisclosed\":1,\"investments\":2},\"byAgreement\":[{\"key\":\"ca-kr-industrial-cooperation\",\"disclosed\":[],"
            + "\"undisclosed\":1,\"investments\":2}],\"byInvestor\":[],\"bySector\":[],\"byProvince\":[]}";
    private static final String INVESTMENTS_CSV = "investmentId,project,investor,investorCountry,partners,sector,city,"
            + "province,country,amount,currency,undisclosed,expectedJobs,state,announced,agreements,milestones,sources,lastVersion\r\n"
            + "lges-canada-battery,NextStar Energy EV battery cell and module plant,LG Energy Solution,KR,Stellantis N.V.,"
            + "BATTERY_CELLS,Windsor,CA-ON,CA,5000000000.00,CAD,false,2500,COMMITTED,2022-03,ca-kr-industrial-cooperation,,7\r\n";
    private static final String PARTICIPANTS_EXAMPLE =
            "[{\"name\":\"Mélanie Joly\",\"country\":\"CA\",\"roles\":[\"Minister of Industry\"],"
                    + "\"agreements\":[\"ca-kr-industrial-cooperation\"],\"appearances\":[{\"agreementId\":\"ca-kr-industrial-cooperation\","
                    + "\"streamVersion\":3,\"type\":\"TalksHeld\",\"label\":\"talks held\",\"date\":{\"text\":\"2026-01-late\"},"
                    + "\"role\":\"Minister of Industry\"}]}]";
    private static final String SOURCES_EXAMPLE =
            "[{\"source\":{\"title\":\"Canada and Republic of Korea strengthen ties in key "
                    + "industrial sectors\",\"publisher\":\"Innovation, Science and Economic Development Canada\",\"published\":\"2026-01-29\","
                    + "\"url\":null,\"kind\":\"OFFICIAL\"},\"facts\":[{\"stream\":\"negotiation\",\"streamId\":\"ca-kr-industrial-cooperation\","
                    + "\"agreements\":[\"ca-kr-industrial-cooperation\"],\"streamVersion\":4,\"type\":\"MouSigned\",\"label\":\"MOU signed\","
                    + "\"date\":{\"text\":\"2026-01-29\"},\"standing\":\"IN_FORCE\",\"role\":\"STATES\",\"amendmentVersion\":null}]}]";
    static final String CHANGES_EXAMPLE =
            "{\"agreementId\":null,\"from\":\"2026-02-02T14:12:00Z\",\"to\":\"2026-02-02T15:45:00Z\","
                    + "\"changes\":[{\"kind\":\"CORRECTED\",\"stream\":\"negotiation\",\"streamId\":\"ca-kr-industrial-cooperation\","
                    + "\"agreements\":[\"ca-kr-industrial-cooperation\"],\"streamVersion\":8,\"type\":\"FactCorrected\",\"label\":\"fact corrected\","
                    + "\"date\":{\"text\":\"2026-01-late\"},\"recordedAt\":\"2026-02-02T15:00:00Z\",\"targetVersion\":3,\"targetType\":\"TalksHeld\","
                    + "\"reason\":\"The release of 2026-01-29 places the meeting 'earlier this week' …\",\"sources\":[]},"
                    + "{\"kind\":\"RETRACTED\",\"streamVersion\":10,\"targetVersion\":9,\"targetType\":\"LeadersMet\"}],"
                    + "\"counts\":{\"ADDED\":3,\"CORRECTED\":1,\"RETRACTED\":1},\"next\":\"MQoxNzcw…\",\"more\":false}";

    private final AcrossQueries queries;
    private final Changes changes;

    AcrossResource(AcrossQueries queries, Changes changes) {
        this.queries = queries;
        this.changes = changes;
    }

    @GET
    @Path("investments")
    @Operation(
            summary =
                    "Investments across agreements, filtered, with totals overall and by agreement, investor, sector "
                            + "and province: per currency, undisclosed amounts counted apart (never as 0), withdrawn ones not totalled")
    @APIResponse(
            responseCode = "200",
            description = "The investments as of the question",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = InvestmentsAcross.class),
                        examples = @ExampleObject(name = "investments", value = INVESTMENTS_EXAMPLE)),
                @Content(mediaType = Exports.CSV, examples = @ExampleObject(name = "csv", value = INVESTMENTS_CSV))
            })
    public Uni<Response> investments(
            @QueryParam("company") @Parameter(description = "A part of the investor's or a partner's name")
                    String company,
            @QueryParam("sector") @Parameter(description = "The sector code", example = "BATTERY_CELLS") String sector,
            @QueryParam("province") @Parameter(description = "ISO 3166-2 province", example = "CA-ON") String province,
            @QueryParam("currency") @Parameter(description = "ISO 4217 (disclosed amounts only)", example = "CAD")
                    String currency,
            @QueryParam("disclosed") @Parameter(description = "true: amounts disclosed; false: undisclosed")
                    String disclosed,
            @QueryParam("agreement") @Parameter(description = "A linked agreement's id") String agreement,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt,
            @QueryParam("format") @Parameter(description = FORMAT) String format,
            @Context HttpHeaders headers) {
        InvestmentFilter filter = ListQuestions.investments(company, sector, province, currency, disclosed, agreement);
        AsOf question = Questions.asOf(asOf, knownAt);
        boolean csv = Exports.csv(format, headers);
        return queries.investments(question.knownAt()).map(streams -> {
            InvestmentsAcross answer = InvestmentsAcross.of(streams, question, filter);
            return Exports.respond(csv, answer, () -> CsvTables.investments(answer.investments()), "investments");
        });
    }

    @GET
    @Path("participants")
    @Operation(
            summary =
                    "Who appears where: each person named by the agreements' facts in force, with roles and appearances")
    @APIResponse(
            responseCode = "200",
            description = "The people, by name",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema =
                                    @Schema(
                                            implementation = ParticipantIndex.Person.class,
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
                            examples = @ExampleObject(name = "participants", value = PARTICIPANTS_EXAMPLE)))
    public Uni<List<ParticipantIndex.Person>> participants(
            @QueryParam("name") @Parameter(description = "A part of the name") String name,
            @QueryParam("country") @Parameter(description = "ISO 3166-1 alpha-2", example = "KR") String country,
            @QueryParam("agreement") @Parameter(description = "Only this agreement") String agreement,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt) {
        String n = ListQuestions.text("name", name);
        String c = ListQuestions.country("country", country);
        String a = ListQuestions.agreement(agreement);
        AsOf question = Questions.asOf(asOf, knownAt);
        return queries.negotiations(question.knownAt())
                .map(streams -> ParticipantIndex.of(
                        a == null ? streams : Map.of(a, streams.getOrDefault(a, List.of())), question, n, c));
    }

    @GET
    @Path("sources")
    @Operation(
            summary =
                    "Which facts rest on which source, and of what kind (OFFICIAL, NEWS, OPINION): every source cited "
                            + "by a fact, a correction or a retraction that had happened by asOf")
    @APIResponse(
            responseCode = "200",
            description = "The sources, by publication date",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema =
                                @Schema(
                                        implementation = SourceIndex.CitedSource.class,
                                        type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY),
                        examples = @ExampleObject(name = "sources", value = SOURCES_EXAMPLE)),
                @Content(
                        mediaType = Exports.CSV,
                        examples =
                                @ExampleObject(
                                        name = "csv",
                                        value =
                                                "title,publisher,published,url,kind,"
                                                        + "stream,streamId,agreements,streamVersion,type,date,standing,role,amendmentVersion\r\n"
                                                        + "Canada and Republic of Korea strengthen ties in key industrial sectors,\"Innovation, Science and "
                                                        + "Economic Development Canada\",2026-01-29,,OFFICIAL,negotiation,ca-kr-industrial-cooperation,"
                                                        + "ca-kr-industrial-cooperation,4,MouSigned,2026-01-29,IN_FORCE,STATES,\r\n"))
            })
    public Uni<Response> sources(
            @QueryParam("kind") @Parameter(description = "Source kinds, comma-separated", example = "OFFICIAL,NEWS")
                    String kind,
            @QueryParam("agreement") @Parameter(description = "Only facts of this agreement and its investments")
                    String agreement,
            @QueryParam("asOf") @Parameter(description = AS_OF) String asOf,
            @QueryParam("knownAt") @Parameter(description = KNOWN_AT) String knownAt,
            @QueryParam("format") @Parameter(description = FORMAT) String format,
            @Context HttpHeaders headers) {
        var kinds = ListQuestions.sourceKinds(kind);
        String a = ListQuestions.agreement(agreement);
        AsOf question = Questions.asOf(asOf, knownAt);
        boolean csv = Exports.csv(format, headers);
        return queries.all(question.knownAt()).map(all -> {
            Map<String, List<String>> links = new java.util.HashMap<>();
            all.investments().forEach((id, events) -> links.put(id, agreementsOf(id, events, question)));
            List<SourceIndex.CitedSource> answer =
                    SourceIndex.of(all.negotiations(), all.investments(), links, question, kinds, a);
            return Exports.respond(csv, answer, () -> CsvTables.sources(answer), "sources");
        });
    }

    @GET
    @Path("changes")
    @Operation(
            summary = "What was learned between two recorded times (from → to), or since a position: facts added, "
                    + "corrected and retracted, across all agreements and investments, in the order recorded")
    @APIResponse(
            responseCode = "200",
            description = "The changes; continue with since=next",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Changes.Answer.class),
                        examples = @ExampleObject(name = "changes", value = CHANGES_EXAMPLE)),
                @Content(mediaType = Exports.CSV)
            })
    public Uni<Response> changes(
            @QueryParam("from")
                    @Parameter(
                            description = "Recorded after this time (exclusive; RFC 3339 or a day: its end)",
                            example = "2026-02-02T14:12:00Z")
                    String from,
            @QueryParam("to") @Parameter(description = "Recorded by this time (inclusive; default: now)") String to,
            @QueryParam("since") @Parameter(description = "Continue after this position ('next' of an earlier answer)")
                    String since,
            @QueryParam("limit") @Parameter(description = "At most this many changes (1–5000, default 500)")
                    String limit,
            @QueryParam("format") @Parameter(description = FORMAT) String format,
            @Context HttpHeaders headers) {
        boolean csv = Exports.csv(format, headers);
        return changes.answer(null, from, to, since, limit)
                .map(answer -> Exports.respond(csv, answer, () -> CsvTables.changes(answer.changes()), "changes"));
    }

    /** The agreements the investment names as of the question (what it named before it was known: none). */
    private static List<String> agreementsOf(String id, List<RecordedEvent> events, AsOf question) {
        return InvestmentCalculator.view(id, events, question)
                .map(v -> v.negotiationIds())
                .orElse(List.of());
    }
}
