package io.tracker.investment.api.request;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.SourceRequest;
import io.tracker.core.domain.FactStatus;
import io.tracker.core.domain.StreamId;
import io.tracker.investment.domain.Milestone;
import io.tracker.investment.domain.Sector;

/**
 * The bodies of the command endpoints: one record a command, validated before anything is decided. Field
 * names are those of the events, so a refusal names the field as the client wrote it ({@code site.province},
 * {@code amount.currency}, {@code negotiationIds[0]}, {@code correction.expectedJobs}).
 */
public final class Requests {
    public static final String ID = StreamId.PATTERN;
    public static final String ID_MESSAGE = "must be " + StreamId.RULE;
    public static final String DATE =
            "\\d{4}(-Q[1-4]|-(spring|summer|autumn|winter)|-\\d{2}(-(\\d{2}|early|mid|late))?)?";
    public static final String DATE_MESSAGE =
            "must be a business date such as 2026-01-29, 2025-10-late, 2025-10, 2026-Q2, 2026-spring or 2026";
    static final String DATE_DESCRIPTION =
            "business date: 2026-01-29, 2025-10-late, 2025-10, 2026-Q2, 2026-spring or 2026";
    static final String JOBS_MESSAGE = "cannot be negative: leave it out when the sources do not give it";

    private Requests() {}

    @Schema(
            description =
                    "Start tracking an investment: what was announced, by whom, where, and the negotiations it belongs to")
    public record AnnounceInvestment(
            @Schema(example = "lges-canada-battery") @NotNull @Pattern(regexp = ID, message = ID_MESSAGE)
            String investmentId,

            @Schema(example = "NextStar Energy EV battery cell and module plant") @NotBlank @Size(max = 300)
            String project,

            @Valid @NotNull CompanyRequest investor,

            @Schema(description = "co-investors (not the investor); may be empty") @Size(max = 20)
            List<@Valid @NotNull CompanyRequest> partners,

            @Schema(example = "BATTERY_CELLS") @NotNull Sector sector,
            @Valid @NotNull SiteRequest site,
            @Valid @NotNull MoneyRequest amount,

            @Schema(example = "2500", description = "left out when the sources do not give it")
            @PositiveOrZero(message = JOBS_MESSAGE)
            Integer expectedJobs,

            @Schema(
                    example = "[\"ca-kr-industrial-cooperation\"]",
                    description =
                            "negotiations (of negotiation-service) this investment belongs to; each must be known to this service")
            @NotNull
            @Size(max = 20)
            @Slugs
            List<String> negotiationIds,

            @Schema(example = "2026-01-29", description = DATE_DESCRIPTION)
            @NotNull
            @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String businessDate,

            @Schema(example = "ANNOUNCED") @NotNull FactStatus status,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "The investor (and partners) committed: a binding decision or agreement")
    public record Commitment(
            @Valid @NotNull MoneyRequest amount,

            @Schema(example = "2500") @PositiveOrZero(message = JOBS_MESSAGE)
            Integer expectedJobs,

            @Schema(example = "2023-07-05", description = DATE_DESCRIPTION)
            @NotNull
            @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String businessDate,

            @Schema(example = "OCCURRED") @NotNull FactStatus status,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(
            description =
                    "New figures: an undisclosed amount or a left-out expectedJobs means that figure is not restated")
    public record Revision(
            @Valid @NotNull MoneyRequest amount,

            @Schema(example = "2500") @PositiveOrZero(message = JOBS_MESSAGE)
            Integer expectedJobs,

            @Schema(example = "2022-06-02", description = DATE_DESCRIPTION)
            @NotNull
            @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String businessDate,

            @Schema(example = "ANNOUNCED") @NotNull FactStatus status,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "A step of a committed investment (each at most once)")
    public record MilestoneReached(
            @Schema(example = "CONSTRUCTION_STARTED") @NotNull
            Milestone milestone,

            @Schema(example = "2023-07", description = DATE_DESCRIPTION)
            @NotNull
            @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String businessDate,

            @Schema(example = "OCCURRED") @NotNull FactStatus status,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "The investment was called off; afterwards only corrections and retractions")
    public record Withdrawal(
            @Schema(example = "The investor cancelled the project") @NotBlank @Size(max = 4000)
            String reason,

            @Schema(example = "2026-05", description = DATE_DESCRIPTION)
            @NotNull
            @Pattern(regexp = DATE, message = DATE_MESSAGE)
            String businessDate,

            @Schema(example = "OCCURRED") @NotNull FactStatus status,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "Correct values of an earlier fact (history is kept)")
    public record Correction(
            @Schema(example = "1", description = "stream version of the fact corrected") @NotNull @Min(1)
            Integer correctsVersion,

            @Valid @NotNull CorrectionRequest correction,

            @Schema(example = "The release gives the amount") @NotBlank @Size(max = 4000)
            String reason,

            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}

    @Schema(description = "Retract an earlier fact (history is kept)")
    public record Retraction(
            @Schema(example = "3", description = "stream version of the fact retracted") @NotNull @Min(1)
            Integer retractsVersion,

            @Schema(example = "Recorded twice") @NotBlank @Size(max = 4000)
            String reason,

            @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {}
}
