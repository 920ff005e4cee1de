package io.tracker.negotiation.application;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.core.application.CommandHandler;
import io.tracker.core.application.HandlerMetrics;
import io.tracker.core.application.KeptStates;
import io.tracker.core.application.Loaded;
import io.tracker.core.store.CommandContext;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.SnapshotStore;
import io.tracker.negotiation.domain.NegotiationCommand;
import io.tracker.negotiation.domain.NegotiationDecider;
import io.tracker.negotiation.domain.NegotiationEvent;
import io.tracker.negotiation.domain.NegotiationState;
import io.tracker.negotiation.messaging.NegotiationEventCodec;
import io.tracker.negotiation.messaging.NegotiationSnapshots;

/**
 * The negotiation aggregate behind the generic handler: decision states kept up to
 * {@code tracker.command.kept-state-bytes} (estimated), snapshots of streams every
 * {@code tracker.command.snapshot-every} events.
 */
@ApplicationScoped
public class NegotiationCommands {
    private final CommandHandler<NegotiationCommand, NegotiationEvent, NegotiationState> handler;
    private final NegotiationEventCodec codec;

    NegotiationCommands(
            EventStore store,
            SnapshotStore snapshots,
            NegotiationEventCodec codec,
            MeterRegistry registry,
            @ConfigProperty(name = "tracker.command.kept-state-bytes", defaultValue = "50331648") long keptBytes,
            @ConfigProperty(name = "tracker.command.snapshot-every", defaultValue = "200") int snapshotEvery) {
        this.codec = codec;
        this.handler = new CommandHandler<>(
                store,
                new NegotiationDecider(),
                codec,
                new KeptStates<>(
                        keptBytes,
                        NegotiationState::estimatedBytes,
                        snapshots,
                        new NegotiationSnapshots(),
                        snapshotEvery));
        HandlerMetrics.register(registry, codec.streamType(), handler);
    }

    public Uni<CommandResult> handle(NegotiationCommand command, Long expectedVersion, CommandContext context) {
        return handler.handle(command.negotiationId(), command, expectedVersion, context);
    }

    public Uni<Loaded<NegotiationState>> load(String negotiationId) {
        return handler.load(negotiationId);
    }

    /** The loaded stream's events, decoded. */
    public List<NegotiationEvent> events(Loaded<NegotiationState> loaded) {
        return loaded.events().stream()
                .map(e -> codec.decode(e.type(), e.schemaVersion(), e.payload()))
                .toList();
    }
}
