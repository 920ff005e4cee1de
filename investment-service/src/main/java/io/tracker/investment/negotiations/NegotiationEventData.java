package io.tracker.investment.negotiations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The little this service reads of the {@code data} of negotiation events (negotiation-service's published
 * contract, {@code /contract/schemas/<Type>.v1.json} there). Lenient on purpose: every other field, present
 * or future, is ignored, so the producer can add fields without breaking this subscriber.
 */
final class NegotiationEventData {
    private NegotiationEventData() {}

    /** {@code NegotiationOpened} v1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Opened(String negotiationId, String title) {}

    /** {@code NegotiationTerminated} v1. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Terminated(String negotiationId, BusinessDateData date) {}

    /** {@code {"text":"2026-06","precision":"MONTH","earliest":"2026-06-01","latest":"2026-06-30"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BusinessDateData(String text) {}
}
