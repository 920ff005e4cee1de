package io.tracker.negotiation.messaging.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.messaging.wire.BusinessDateJson;
import io.tracker.core.messaging.wire.SourceJson;

/**
 * The value shapes of a negotiation fact shared by the event payloads (see docs/CONVENTIONS.md): dates as ISO
 * strings, enums as their upper-case names, absent values written as {@code null}. Business dates and sources
 * have es-core's wire records ({@code io.tracker.core.messaging.wire}), as in investment-service.
 */
public final class FactValues {
    private FactValues() {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ParticipantJson(String name, String role, String country) {}

    /** {@code city} is null when the sources do not name one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlaceJson(String city, String country) {}

    /** What every fact carries; {@code place} is null when unknown. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FactJson(
            BusinessDateJson date,
            String status,
            List<ParticipantJson> participants,
            PlaceJson place,
            List<String> focusAreas,
            List<SourceJson> sources) {}
}
