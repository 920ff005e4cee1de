package io.tracker.investment.messaging.wire;

/** {@code {"text":"2025-10-late","precision":"PART_OF_MONTH","earliest":"2025-10-21","latest":"2025-10-31"}}. */
public record BusinessDateJson(String text, String precision, String earliest, String latest) {
}
