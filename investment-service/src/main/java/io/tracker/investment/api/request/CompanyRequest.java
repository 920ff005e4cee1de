package io.tracker.investment.api.request;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.investment.domain.Company;

@Schema(description = "A company and the country it is based in")
public record CompanyRequest(
        @Schema(example = "LG Energy Solution") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "KR", description = "ISO 3166-1 alpha-2") @NotNull @IsoCountry
        String country) {

    public Company toDomain() {
        return new Company(name, country);
    }
}
