package io.tracker.negotiation.api.request;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.Fields;
import io.tracker.core.api.SourceRequest;
import io.tracker.core.domain.FactStatus;
import io.tracker.negotiation.domain.Fact;
import io.tracker.negotiation.domain.FocusArea;

@Schema(description = "What every recorded fact carries")
public record FactRequest(
        @Schema(
                example = "2025-10-late",
                description = "business date: 2026-01-29, 2025-10-late, 2025-10, 2026-Q2, 2026-spring or 2026")
        @NotNull
        @Pattern(regexp = Requests.DATE, message = Requests.DATE_MESSAGE)
        String date,

        @Schema(example = "OCCURRED") @NotNull FactStatus status,
        @Size(max = 50) List<@Valid @NotNull ParticipantRequest> participants,
        @Valid PlaceRequest place,
        @Size(max = 20) List<@NotNull FocusArea> focusAreas,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull SourceRequest> sources) {

    /**
     * @param path where this fact sits in the request, for errors ({@code fact}, {@code corrected})
     * @param today the day it is recorded, for the plausible range of the date
     */
    public Fact toDomain(String path, LocalDate today) {
        return new Fact(
                Fields.date(path + ".date", date, status, today),
                status,
                participants == null
                        ? List.of()
                        : participants.stream()
                                .map(ParticipantRequest::toDomain)
                                .toList(),
                place == null ? null : place.toDomain(),
                focusAreas == null ? List.of() : focusAreas,
                sources.stream().map(SourceRequest::toDomain).toList());
    }
}
