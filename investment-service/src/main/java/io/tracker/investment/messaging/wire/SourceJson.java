package io.tracker.investment.messaging.wire;

/** {@code {"title":…,"publisher":…,"published":"2026-01-29","url":null,"kind":"OFFICIAL"}}. */
public record SourceJson(String title, String publisher, String published, String url, String kind) {
}
