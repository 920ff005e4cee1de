package io.tracker.projection.apply;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.persistence.ApplyResult;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.PartitionPosition;

/**
 * What a {@link ConsumerLoop} does with a batch it read: {@code ProjectionWriter.apply} (the live path and a
 * rebuild's replay), or a rebuild's bulk load ({@code GenerationLoad.load}). Idempotent: a batch that failed is
 * given again.
 */
@FunctionalInterface
public interface Applier {
    Uni<ApplyResult> apply(
            ApplyTarget target, String groupId, List<Incoming.Event> events, List<PartitionPosition> positions);
}
