package io.tracker.projection.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.tracker.projection.messaging.wire.WireValues.BusinessDateJson;

/**
 * The {@code data} of the indicator and claim events at schema version 1 (negotiation-service's
 * contract/schemas/IndicatorRecorded.v1.json …), this service's own reading of them (unknown fields ignored):
 * IndicatorRecorded: indicator; IndicatorCorrected: correctsVersion, corrected, reason; IndicatorRetracted and
 * ClaimRetracted: retractsVersion, reason; ClaimRecorded: claim.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FigureEventData(
        String negotiationId,
        IndicatorJson indicator,
        IndicatorJson corrected,
        Long correctsVersion,
        Long retractsVersion,
        String reason,
        ClaimJson claim) {

    /** {@code publisher} null: the source names none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CitedSourceJson(String title, String publisher, String published, String url, String kind) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IndicatorJson(
            String name,
            String value,
            String qualifier,
            String unit,
            String currency,
            BusinessDateJson period,
            String scope,
            List<CitedSourceJson> sources) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClaimJson(String statement, CitedSourceJson source, BusinessDateJson madeOn) {}
}
