package io.tracker.negotiation.messaging.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tracker.negotiation.messaging.wire.WireValues.BusinessDateData;
import java.util.List;

/**
 * The {@code data} of the indicator and claim events at schema version 1 (contract 1.2.0):
 * {@code contract/schemas/IndicatorRecorded.v1.json} and the others describe these shapes.
 */
public final class FigureEventsV1 {
    private FigureEventsV1() {
    }

    /** {@code publisher} null: the source names none ("publisher not stated"); kind also ANALYST. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CitedSourceData(String title, String publisher, String published, String url, String kind) {
    }

    /** {@code value} a decimal string; {@code currency} only for unit "money". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorData(String name, String value, String qualifier, String unit, String currency,
            BusinessDateData period, String scope, List<CitedSourceData> sources) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimData(String statement, CitedSourceData source, BusinessDateData madeOn) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorRecorded(String negotiationId, IndicatorData indicator) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorCorrected(String negotiationId, long correctsVersion, IndicatorData corrected,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IndicatorRetracted(String negotiationId, long retractsVersion, String reason) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimRecorded(String negotiationId, ClaimData claim) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClaimRetracted(String negotiationId, long retractsVersion, String reason) {
    }
}
