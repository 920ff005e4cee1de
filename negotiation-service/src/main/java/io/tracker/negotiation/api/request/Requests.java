package io.tracker.negotiation.api.request;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.SourceRequest;
import io.tracker.core.domain.StreamId;
import io.tracker.negotiation.domain.TalksLevel;

/** The bodies of the command endpoints: one record a command, validated before anything is decided. */
public final class Requests {
    public static final String ID = StreamId.PATTERN;
    public static final String ID_MESSAGE = "must be " + StreamId.RULE;
    public static final String DATE =
            "\\d{4}(-Q[1-4]|-(spring|summer|autumn|winter)|-\\d{2}(-(\\d{2}|early|mid|late))?)?";
    public static final String DATE_MESSAGE =
            "must be a business date such as 2026-01-29, 2025-10-late, 2025-10, 2026-Q2, 2026-spring or 2026";

    private Requests() {}

    @Schema(description = "Start tracking a negotiation")
    public record OpenNegotiation(
            @Schema(example = "ca-kr-industrial-cooperation") @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String id,

            @Schema(example = "Canada–Korea industrial cooperation: autos, batteries, critical minerals")
            @NotBlank
            @Size(max = 300)
            String title,

            @Schema(example = "[\"CA\", \"KR\"]") @NotEmpty @Size(max = 10)
            List<@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String> parties,

            @NotBlank @Size(max = 4000) String description,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "Heads of state or government met")
    public record LeadersMeeting(
            @Size(max = 4000) String summary,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "Ministers, envoys, delegations or officials held talks")
    public record Talks(
            @NotNull TalksLevel level,
            @Size(max = 4000) String summary,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "A memorandum of understanding was signed")
    public record Mou(
            @NotBlank @Size(max = 300) String title,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull ParticipantRequest> signatories,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "A committee was formed under an MOU or agreement")
    public record Committee(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 4000) String mandate,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "A forum was established")
    public record Forum(
            @NotBlank @Size(max = 300) String name,
            @Size(max = 4000) String purpose,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "A trade mission was announced or planned")
    public record TradeMission(
            @Schema(example = "spring-2026-mission") @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String missionId,

            @NotBlank @Size(max = 300) String title,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "A trade mission took place")
    public record TradeMissionCompletion(
            @Size(max = 4000) String outcome,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "An agreement was concluded")
    public record Agreement(
            @NotBlank @Size(max = 300) String title,
            @Size(max = 4000) String summary,
            @Valid @NotNull FactRequest fact) {}

    @Schema(description = "The negotiation stalled, resumed or was terminated")
    public record StatusChange(
            @Schema(example = "2026-03") @NotNull @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String date,

            @NotBlank @Size(max = 4000) String reason,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "Correct the details of an earlier fact (history is kept)")
    public record Correction(
            @Schema(example = "2") @NotNull @Min(1) Long targetVersion,
            @NotBlank @Size(max = 4000) String reason,
            @Valid @NotNull FactRequest corrected) {}

    @Schema(description = "Retract an earlier fact (history is kept)")
    public record Retraction(
            @Schema(example = "2") @NotNull @Min(1) Long targetVersion,
            @NotBlank @Size(max = 4000) String reason,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}
}
