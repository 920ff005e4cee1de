package io.tracker.core.api;

import java.net.URI;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tracker.core.application.DomainRejectedException;
import io.tracker.core.application.Loaded;
import io.tracker.core.domain.DomainError;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;

/**
 * What every command endpoint does around its own mapping: read If-Match, build the command context
 * (Idempotency-Key, correlation, actor, request fingerprint), run the command, answer with the new version
 * as ETag. And what every read does: 404 problem+json when the stream does not exist.
 */
public final class CommandEndpoint<C> {

    /** Runs a command against an aggregate, e.g. the service's {@code CommandHandler}. */
    @FunctionalInterface
    public interface Handler<C> {
        Uni<CommandResult> handle(C command, Long expectedVersion, CommandContext context);
    }

    private final ObjectMapper mapper;
    private final String streamType;
    private final Handler<C> handler;

    public CommandEndpoint(ObjectMapper mapper, String streamType, Handler<C> handler) {
        this.mapper = mapper;
        this.streamType = streamType;
        this.handler = handler;
    }

    /**
     * @param what     names the command and its target, part of the idempotency fingerprint ({@code mou:<id>})
     * @param location set for a creation (201 with Location), null otherwise (200)
     */
    public Uni<Response> run(
            String what, Object body, CommandHeaders headers, String actor, Supplier<C> command, URI location) {
        Long expected = Versions.fromIfMatch(headers.ifMatch());
        CommandContext context =
                CommandContexts.of(mapper, headers.idempotencyKey(), headers.correlationId(), actor, what, body);
        C c = command.get();
        return handler.handle(c, expected, context)
                .onItem()
                .transform(result -> CommandResponse.build(result, location));
    }

    /** The loaded stream, or a 404 problem when it does not exist. */
    public <S> Uni<Loaded<S>> existing(Uni<Loaded<S>> load, String id) {
        return load.onItem().transform(loaded -> {
            if (!loaded.exists()) {
                throw new DomainRejectedException(new DomainError(
                        DomainError.Kind.NOT_FOUND, "not-found", streamType + " '" + id + "' does not exist", null));
            }
            return loaded;
        });
    }

    /** 200 with the raw history of a stream, ETag = its version. */
    public <S> Uni<Response> history(Uni<Loaded<S>> load, String id) {
        return existing(load, id).onItem().transform(loaded -> Response.ok(
                        loaded.events().stream().map(HistoryEntry::of).toList())
                .tag(Versions.etag(loaded.version()))
                .build());
    }
}
