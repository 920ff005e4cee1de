package io.tracker.projection.api;

import java.time.Duration;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Multi;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.persistence.AgreementChanges;
import io.tracker.projection.persistence.CurrentStatuses;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * The live status stream of one agreement (behind {@code GET /agreements/{id}/status/stream}): its current status,
 * then a new one whenever a committed change touches it, a heartbeat comment between them; one of the replica's
 * bounded {@link SseConnections} while it is open.
 */
@ApplicationScoped
class AgreementStatusStream {
    private final CurrentStatuses current;
    private final AgreementChanges changes;

    private final Duration heartbeat;
    private final SseConnections connections;

    AgreementStatusStream(
            CurrentStatuses current,
            AgreementChanges changes,
            @ConfigProperty(name = "tracker.sse.heartbeat", defaultValue = "15s") Duration heartbeat,
            SseConnections connections) {
        this.current = current;
        this.changes = changes;
        this.heartbeat = heartbeat;
        this.connections = connections;
    }

    /** Takes a place in {@link SseConnections} (or throws when all are taken); gives it back when the stream ends. */
    Multi<OutboundSseEvent> open(String agreementId, Sse sse) {
        connections.open();
        Multi<String> triggers = Multi.createBy()
                .merging()
                .streams(
                        Multi.createFrom().item(agreementId),
                        changes.stream()
                                .filter(changed ->
                                        changed.equals(agreementId) || changed.equals(ProjectionWriter.ALL)));
        Multi<AgreementStatus> statuses = triggers.onItem()
                .transformToUniAndConcatenate(t -> current.now(agreementId).map(status -> status.orElse(null)))
                .filter(Objects::nonNull)
                .skip()
                .repetitions();
        Multi<OutboundSseEvent> events = statuses.map(status -> sse.newEventBuilder()
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(AgreementStatus.class, status)
                .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom()
                .ticks()
                .startingAfter(heartbeat)
                .every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy()
                .merging()
                .streams(events, heartbeats)
                .onTermination()
                .invoke(connections::close);
    }
}
