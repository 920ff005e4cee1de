package io.tracker.negotiation.messaging.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The value shapes shared by the event payloads (see docs/CONVENTIONS.md): dates as ISO strings, enums as
 * their upper-case names, absent values written as {@code null}.
 */
public final class WireValues {
    private WireValues() {
    }

    /** {@code {"text":"2025-10-late","precision":"PART_OF_MONTH","earliest":"2025-10-21","latest":"2025-10-31"}} */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BusinessDateData(String text, String precision, String earliest, String latest) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SourceData(String title, String publisher, String published, String url, String kind) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ParticipantData(String name, String role, String country) {
    }

    /** {@code city} is null when the sources do not name one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlaceData(String city, String country) {
    }

    /** What every fact carries; {@code place} is null when unknown. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FactData(BusinessDateData date, String status, List<ParticipantData> participants, PlaceData place,
            List<String> focusAreas, List<SourceData> sources) {
    }
}
