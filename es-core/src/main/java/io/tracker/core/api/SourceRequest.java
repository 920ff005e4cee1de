package io.tracker.core.api;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.domain.Source;

@Schema(description = "Where a fact comes from")
public record SourceRequest(
        @Schema(example = "Canada and Republic of Korea strengthen ties in key industrial sectors")
        @NotBlank
        @Size(max = 300)
        String title,

        @Schema(example = "Innovation, Science and Economic Development Canada") @NotBlank @Size(max = 200)
        String publisher,

        @Schema(example = "2026-01-29") LocalDate published,

        @Schema(
                example =
                        "https://www.canada.ca/en/innovation-science-economic-development/news/2026/01/canada-and-republic-of-korea-strengthen-ties.html")
        @Size(max = 2000)
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
        String url,

        @Schema(example = "OFFICIAL") @NotNull Source.Kind kind) {

    public Source toDomain() {
        return new Source(title, publisher, published, url, kind);
    }
}
