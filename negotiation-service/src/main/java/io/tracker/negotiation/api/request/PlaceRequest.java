package io.tracker.negotiation.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.negotiation.domain.Place;

@Schema(description = "Where it happened")
public record PlaceRequest(
        @Schema(example = "Gyeongju") @Size(max = 200) String city,

        @Schema(example = "KR")
        @NotBlank
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as CA or KR")
        String country) {

    public Place toDomain() {
        return new Place(city, country);
    }
}
