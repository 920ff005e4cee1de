package io.tracker.investment.application;

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
import io.tracker.investment.domain.InvestmentCommand;
import io.tracker.investment.domain.InvestmentCommand.AnnounceInvestment;
import io.tracker.investment.domain.InvestmentCommand.CorrectFact;
import io.tracker.investment.domain.InvestmentDecider;
import io.tracker.investment.domain.InvestmentEvent;
import io.tracker.investment.domain.InvestmentState;
import io.tracker.investment.messaging.InvestmentEventCodec;
import io.tracker.investment.messaging.InvestmentSnapshots;
import io.tracker.investment.negotiations.KnownNegotiations;

/**
 * The investment aggregate behind es-core's generic handler, plus the one check the decider cannot make
 * (it is pure): the negotiations an announcement or a correction links to must be known to this service.
 * Decision states are kept up to {@code tracker.command.kept-state-bytes} (estimated), the values their facts repeat
 * (sources, companies, sites, business dates, linked negotiations) once for all of them, up to
 * {@code tracker.command.shared-values-bytes} ({@link BoundedSharedValues}); a stream's state is snapshotted every
 * {@code tracker.command.snapshot-every} events (es-core's {@code es_snapshots}).
 */
@ApplicationScoped
public class InvestmentCommands {
    private final KnownNegotiations negotiations;
    private final CommandHandler<InvestmentCommand, InvestmentEvent, InvestmentState> handler;

    InvestmentCommands(
            EventStore store,
            SnapshotStore snapshots,
            InvestmentEventCodec codec,
            KnownNegotiations negotiations,
            MeterRegistry registry,
            @ConfigProperty(name = "tracker.command.kept-state-bytes", defaultValue = "20971520") long keptBytes,
            @ConfigProperty(name = "tracker.command.snapshot-every", defaultValue = "200") int snapshotEvery,
            @ConfigProperty(name = "tracker.command.shared-values-bytes", defaultValue = "4194304")
                    long sharedValuesBytes) {
        this.negotiations = negotiations;
        BoundedSharedValues shared = new BoundedSharedValues(sharedValuesBytes);
        this.handler = new CommandHandler<>(
                store,
                new InvestmentDecider(shared),
                codec,
                new KeptStates<>(
                        keptBytes,
                        InvestmentState::estimatedBytes,
                        snapshots,
                        new InvestmentSnapshots(codec, shared),
                        snapshotEvery));
        HandlerMetrics.register(registry, codec.streamType(), handler);
        shared.register(registry, codec.streamType());
    }

    /**
     * A retry (known Idempotency-Key) gets the first answer before anything is checked again, so a change of
     * the known-negotiations view since then cannot turn an accepted command into a refusal; the handler looks the
     * key up once and checks the links only for a new command.
     */
    public Uni<CommandResult> handle(
            String investmentId, InvestmentCommand command, Long expectedVersion, CommandContext context) {
        return handler.handle(investmentId, command, expectedVersion, context, () -> linksChecked(command));
    }

    public Uni<Loaded<InvestmentState>> load(String investmentId) {
        return handler.load(investmentId);
    }

    private Uni<Void> linksChecked(InvestmentCommand command) {
        switch (command.kind()) {
            case ANNOUNCE: {
                AnnounceInvestment a = (AnnounceInvestment) command;
                return negotiations.requireLinkable(a.negotiationIds(), "negotiationIds", a.businessDate());
            }
            case CORRECT_FACT: {
                CorrectFact c = (CorrectFact) command;
                return c.correction() == null
                        ? Uni.createFrom().voidItem()
                        : negotiations.requireLinkable(
                                c.correction().negotiationIds(), "correction.negotiationIds", null);
            }
            default:
                return Uni.createFrom().voidItem();
        }
    }
}
