package io.tracker.investment.api.request;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.Fields;
import io.tracker.core.domain.FactStatus;
import io.tracker.investment.domain.FactCorrection;
import io.tracker.investment.domain.Sector;

/** The corrected values; a field left out is not corrected. Which fields a fact has depends on its type. */
@Schema(description = "The corrected values of the fact; a field left out is not corrected")
public record CorrectionRequest(
        @Size(max = 300) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String project,

        @Valid CompanyRequest investor,
        @Size(max = 20) List<@Valid @NotNull CompanyRequest> partners,
        Sector sector,
        @Valid SiteRequest site,
        @Valid MoneyRequest amount,

        @Schema(example = "2500") @PositiveOrZero(message = Requests.JOBS_MESSAGE)
        Integer expectedJobs,

        @Schema(description = "replaces the announcement's links; each must be known to this service")
        @Size(max = 20)
        @Slugs
        List<String> negotiationIds,

        @Schema(example = "2026-01-29", description = Requests.DATE_DESCRIPTION)
        @Pattern(regexp = Requests.DATE, message = Requests.DATE_MESSAGE)
        String businessDate,

        FactStatus status) {

    /** @param path where the correction sits in the request, for errors ({@code correction}) */
    public FactCorrection toDomain(String path, java.time.LocalDate today) {
        return new FactCorrection(
                project,
                investor == null ? null : investor.toDomain(),
                partners == null
                        ? null
                        : partners.stream().map(CompanyRequest::toDomain).toList(),
                sector,
                site == null ? null : site.toDomain(),
                amount == null ? null : amount.toDomain(),
                expectedJobs,
                negotiationIds,
                businessDate == null ? null : Fields.date(path + ".businessDate", businessDate, status, today),
                status);
    }
}
