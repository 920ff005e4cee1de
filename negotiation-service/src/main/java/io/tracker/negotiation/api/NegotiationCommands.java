package io.tracker.negotiation.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tracker.core.application.CommandContext;
import io.tracker.core.application.CommandHandler;
import io.tracker.core.application.CommandResult;
import io.tracker.core.application.Loaded;
import io.tracker.core.store.EventStore;
import io.tracker.negotiation.domain.NegotiationCommand;
import io.tracker.negotiation.domain.NegotiationDecider;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationState;
import io.tracker.negotiation.messaging.NegotiationEventCodec;

/** The negotiation aggregate behind the generic handler. */
@ApplicationScoped
public class NegotiationCommands {
    private final CommandHandler<NegotiationCommand, NegotiationEvent, NegotiationState> handler;

    NegotiationCommands(EventStore store, NegotiationEventCodec codec,
            @ConfigProperty(name = "tracker.command.cached-events", defaultValue = "20000") long cachedEvents) {
        this.handler = new CommandHandler<>(store, new NegotiationDecider(), codec, cachedEvents);
    }

    public Uni<CommandResult> handle(NegotiationCommand command, Long expectedVersion, CommandContext context) {
        return handler.handle(command.negotiationId(), command, expectedVersion, context);
    }

    public Uni<Loaded<NegotiationState>> load(String negotiationId) {
        return handler.load(negotiationId);
    }
}
