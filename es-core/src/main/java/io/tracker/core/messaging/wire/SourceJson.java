package io.tracker.core.messaging.wire;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tracker.core.domain.Source;

/**
 * The wire form of es-core's {@link Source}, the same in both command services' payloads:
 * {@code {"title":…,"publisher":…,"published":"2026-01-29","url":null,"kind":"OFFICIAL"}}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourceJson(String title, String publisher, String published, String url, String kind) {

    public static SourceJson of(Source s) {
        return new SourceJson(
                s.title(),
                s.publisher(),
                s.published() == null ? null : s.published().toString(),
                s.url(),
                s.kind().name());
    }

    public Source toDomain() {
        return new Source(
                title,
                publisher,
                published == null ? null : LocalDate.parse(published),
                url,
                Source.Kind.valueOf(kind));
    }
}
