package io.tracker.negotiation.api.request;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.Fields;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.CitedSource;
import io.tracker.negotiation.domain.Claim;
import io.tracker.negotiation.domain.Indicator;

/** The bodies of the indicator and claim commands. */
public final class FigureRequests {
    private FigureRequests() {}

    @Schema(description = "Where an indicator or claim comes from; leave publisher out when the source names none")
    public record CitedSourceRequest(
            @Schema(example = "Canada and Republic of Korea strengthen ties in key industrial sectors")
            @NotBlank
            @Size(max = 300)
            String title,

            @Schema(
                    example = "Innovation, Science and Economic Development Canada",
                    description = "null or absent: " + "the source names no publisher")
            @Size(max = 200)
            String publisher,

            @Schema(example = "2026-01-29") LocalDate published,

            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String url,

            @Schema(example = "OFFICIAL", description = "ANALYST: this team's own work, e.g. its correction") @NotNull
            CitedSource.Kind kind) {

        public CitedSource toDomain() {
            return new CitedSource(title, publisher, published, url, kind);
        }
    }

    @Schema(description = "A figure a source states")
    public record IndicatorRequest(
            @Schema(example = "Share of cars sold in Canada made by Korean automakers") @NotBlank @Size(max = 300)
            String name,

            @Schema(example = "12") @NotNull BigDecimal value,

            @Schema(example = "EXACT", description = "ABOUT for \"about\", MORE_THAN for \"over\"") @NotNull
            Indicator.Qualifier qualifier,

            @Schema(example = "percent", description = "percent, vehicles, jobs, …; money (with a currency)")
            @NotBlank
            @Size(max = 40)
            String unit,

            @Schema(example = "CAD", description = "ISO 4217, only for unit money")
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CAD")
            String currency,

            @Schema(example = "2024", description = "the period the figure covers, a business date")
            @NotNull
            @Pattern(regexp = Requests.DATE, message = Requests.DATE_MESSAGE)
            String period,

            @Schema(example = "Canada") @NotBlank @Size(max = 300)
            String scope,

            @Valid @NotEmpty @Size(max = 20) List<@NotNull CitedSourceRequest> sources) {

        public Indicator toDomain(String path, LocalDate today) {
            return new Indicator(
                    name,
                    value,
                    qualifier,
                    unit,
                    currency,
                    Fields.date(path + ".period", period, FactStatus.OCCURRED, today),
                    scope,
                    sources.stream().map(CitedSourceRequest::toDomain).toList());
        }
    }

    @Schema(description = "Record a figure a source states")
    public record RecordIndicator(@Valid @NotNull IndicatorRequest indicator) {}

    @Schema(description = "Correct an earlier indicator (history is kept); cite the correction's source")
    public record IndicatorCorrection(
            @Schema(example = "9") @NotNull @Min(1) Long targetVersion,
            @NotBlank @Size(max = 4000) String reason,
            @Valid @NotNull IndicatorRequest corrected) {}

    @Schema(description = "Retract an earlier indicator or claim (history is kept)")
    public record FigureRetraction(
            @Schema(example = "9") @NotNull @Min(1) Long targetVersion,
            @NotBlank @Size(max = 4000) String reason) {}

    @Schema(description = "Record a statement attributed to its source, apart from the facts")
    public record RecordClaim(
            @Schema(example = "Korea could move automotive production from the USA to Canada")
            @NotBlank
            @Size(max = 4000)
            String statement,

            @Valid @NotNull CitedSourceRequest source,

            @Schema(example = "2026-01", description = "when the source made it; absent when it does not say")
            @Pattern(regexp = Requests.DATE, message = Requests.DATE_MESSAGE)
            String madeOn) {

        public Claim toDomain(LocalDate today) {
            return new Claim(
                    statement,
                    source.toDomain(),
                    madeOn == null ? null : Fields.date("madeOn", madeOn, FactStatus.OCCURRED, today));
        }
    }
}
