package io.tracker.negotiation.messaging.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.negotiation.messaging.wire.FactValues.FactJson;

/**
 * The {@code data} of the negotiation events whose current schema version is 2
 * ({@code contract/schemas/<Type>.v2.json}); every other type is still at version 1
 * ({@link NegotiationEventsV1}).
 */
public final class NegotiationEventsV2 {
    private NegotiationEventsV2() {}

    /** v2 names the corrected event's stream version {@code correctsVersion}, as InvestmentFactCorrected does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FactCorrected(String negotiationId, long correctsVersion, FactJson corrected, String reason) {}
}
