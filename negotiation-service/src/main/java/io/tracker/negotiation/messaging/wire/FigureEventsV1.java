package io.tracker.negotiation.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.messaging.wire.BusinessDateJson;

/**
 * The {@code data} of the indicator and claim events at schema version 1 (contract 1.2.0):
 * {@code contract/schemas/IndicatorRecorded.v1.json} and the others describe these shapes.
 */
public final class FigureEventsV1 {
    private FigureEventsV1() {}

    /** {@code publisher} null: the source names none ("publisher not stated"); kind also ANALYST. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CitedSourceJson(String title, String publisher, String published, String url, String kind) {}

    /** {@code value} a decimal string; {@code currency} only for unit "money". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorJson(
            String name,
            String value,
            String qualifier,
            String unit,
            String currency,
            BusinessDateJson period,
            String scope,
            List<CitedSourceJson> sources) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimJson(String statement, CitedSourceJson source, BusinessDateJson madeOn) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorRecorded(String negotiationId, IndicatorJson indicator) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorCorrected(
            String negotiationId, long correctsVersion, IndicatorJson corrected, String reason) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorRetracted(String negotiationId, long retractsVersion, String reason) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimRecorded(String negotiationId, ClaimJson claim) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimRetracted(String negotiationId, long retractsVersion, String reason) {}
}
