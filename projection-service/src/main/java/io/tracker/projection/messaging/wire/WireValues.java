package io.tracker.projection.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The value shapes the producers' payloads share (docs/CONVENTIONS.md), as this service reads them: every
 * record ignores fields it does not know, so a producer may add fields without breaking the projection.
 */
public final class WireValues {
    private WireValues() {}

    /** {@code {"text":"2025-10-late","precision":"PART_OF_MONTH","earliest":"2025-10-21","latest":"2025-10-31"}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BusinessDateJson(String text, String precision, String earliest, String latest) {}

    /** {@code {"title":…,"publisher":…,"published":"2026-01-29","url":null,"kind":"OFFICIAL"}} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SourceJson(String title, String publisher, String published, String url, String kind) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ParticipantJson(String name, String role, String country) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlaceJson(String city, String country) {}

    /** What every negotiation fact carries. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FactJson(
            BusinessDateJson date,
            String status,
            List<ParticipantJson> participants,
            PlaceJson place,
            List<String> focusAreas,
            List<SourceJson> sources) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompanyJson(String name, String country) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SiteJson(String city, String province, String country) {}

    /** {@code {"amount":"1500000000.00","currency":"CAD"}} or {@code {"undisclosed":true}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MoneyJson(String amount, String currency, Boolean undisclosed) {}
}
