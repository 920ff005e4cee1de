package io.tracker.core.messaging.wire;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.domain.BusinessDate;

/**
 * The wire form of es-core's {@link BusinessDate}, the same in both command services' payloads:
 * {@code {"text":"2025-10-late","precision":"PART_OF_MONTH","earliest":"2025-10-21","latest":"2025-10-31"}}.
 * Read back from its {@code text}; the other three fields are derived from it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BusinessDateJson(String text, String precision, String earliest, String latest) {

    public static BusinessDateJson of(BusinessDate date) {
        return new BusinessDateJson(
                date.text(),
                date.precision().name(),
                date.earliest().toString(),
                date.latest().toString());
    }

    /** The business date; {@code what} names the field in the exception when the value is missing. */
    public static BusinessDate toDomain(BusinessDateJson json, String what) {
        return BusinessDate.parse(Objects.requireNonNull(json, what).text());
    }
}
