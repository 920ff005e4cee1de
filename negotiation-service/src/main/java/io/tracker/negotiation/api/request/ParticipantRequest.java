package io.tracker.negotiation.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.negotiation.domain.Participant;

@Schema(description = "A person taking part")
public record ParticipantRequest(
        @Schema(example = "Mélanie Joly") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "Minister of Industry") @Size(max = 200)
        String role,

        @Schema(example = "CA", description = "ISO 3166-1 alpha-2")
        @NotBlank
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as CA or KR")
        String country) {

    public Participant toDomain() {
        return new Participant(name, role, country);
    }
}
