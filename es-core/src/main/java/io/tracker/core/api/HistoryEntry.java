package io.tracker.core.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.tracker.core.store.StoredEvent;

/** One stored event with its metadata, as the raw history shows it. */
@Schema(description = "A stored event with its metadata")
public record HistoryEntry(
        UUID eventId,
        long version,
        long position,
        String type,
        int schemaVersion,
        String occurredOn,
        OffsetDateTime recordedAt,
        String correlationId,
        String causationId,
        String actor,

        @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
        String data) {

    public static HistoryEntry of(StoredEvent e) {
        return new HistoryEntry(
                e.eventId(),
                e.version(),
                e.position(),
                e.type(),
                e.schemaVersion(),
                e.occurredOn(),
                e.recordedAt(),
                e.correlationId(),
                e.causationId(),
                e.actor(),
                e.payload());
    }
}
