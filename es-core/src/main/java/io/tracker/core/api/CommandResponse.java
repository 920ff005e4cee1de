package io.tracker.core.api;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.tracker.core.store.AppendedEvent;
import io.tracker.core.store.CommandResult;

/**
 * The answer to an accepted command: the stream, its new version (also the ETag) and the events appended.
 * {@code replayed} is true when this is the stored answer to an earlier request with the same Idempotency-Key.
 */
@Schema(description = "What an accepted command appended")
public record CommandResponse(
        @Schema(example = "ca-kr-industrial-cooperation") String id,
        @Schema(example = "3") long version,
        List<AppendedEvent> events,
        boolean replayed) {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    public static CommandResponse of(CommandResult result) {
        return new CommandResponse(result.streamId(), result.version(), result.events(), result.replayed());
    }

    /** 201 with Location for a creation, 200 otherwise; ETag = the new version. */
    public static Response build(CommandResult result, URI location) {
        Response.ResponseBuilder response = location == null ? Response.ok() : Response.created(location);
        return response.entity(of(result))
                .tag(Versions.etag(result.version()))
                .header(REPLAYED_HEADER, Boolean.toString(result.replayed()))
                .build();
    }
}
