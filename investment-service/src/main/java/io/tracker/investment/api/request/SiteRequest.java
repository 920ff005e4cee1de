package io.tracker.investment.api.request;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.api.checks.CheckedBy;
import io.tracker.core.api.checks.RequestCheck;
import io.tracker.core.api.checks.Violations;
import io.tracker.core.domain.Codes;
import io.tracker.investment.domain.Site;

@Schema(description = "Where the investment is built")
@SiteRequest.ProvinceFitsCountry
public record SiteRequest(
        @Schema(example = "Windsor", description = "left out when the sources do not name it")
        @Size(max = 200)
        @Pattern(
                regexp = "(?s).*\\S.*",
                message = "must not be blank: leave the city out when the sources do not name it")
        String city,

        @Schema(example = "CA-ON", description = "ISO 3166-2:CA code for a Canadian site; left out elsewhere")
        String province,

        @Schema(example = "CA", description = "ISO 3166-1 alpha-2") @NotNull @IsoCountry
        String country) {

    public Site toDomain() {
        return new Site(city, province, country);
    }

    /**
     * A Canadian site's province or territory, when the sources give it, is an ISO 3166-2:CA code (left out
     * when they do not); any other site names none.
     */
    @Documented
    @CheckedBy(ProvinceFitsCountry.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface ProvinceFitsCountry {

        class Check implements RequestCheck<SiteRequest> {
            @Override
            public void check(SiteRequest site, Violations at) {
                if (site.country() == null || !Codes.isCountry(site.country())) {
                    return; // the country's own checks report it
                }
                boolean canadian = "CA".equals(site.country());
                if (canadian && (site.province() == null || Codes.isCanadianSubdivision(site.province()))) {
                    return;
                }
                if (!canadian && site.province() == null) {
                    return;
                }
                at.at("province")
                        .add(
                                canadian
                                        ? "must be an ISO 3166-2:CA province or territory code such as CA-ON or CA-QC (or left out when the sources do not say)"
                                        : "is recorded for Canadian sites only: leave it out");
            }
        }
    }
}
