package io.tracker.projection.apply;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.persistence.ApplyResult;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.PartitionPosition;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * What a {@link ConsumerLoop} does with a batch it read: {@code ProjectionWriter.apply} (the live path and a
 * rebuild's replay), or a rebuild's bulk load ({@code GenerationLoad.load}). Idempotent: a batch that failed is
 * given again.
 */
@FunctionalInterface
public interface Applier {
    Uni<ApplyResult> apply(
            ApplyTarget target, String groupId, List<Incoming.Event> events, List<PartitionPosition> positions);

    /**
     * The same, the database first checked to hold at least {@code held} (a live loop's last positions; failing with
     * {@code PositionsBehindException} when it does not); an applier that does not check ignores it.
     */
    default Uni<ApplyResult> apply(
            ApplyTarget target,
            String groupId,
            List<Incoming.Event> events,
            List<PartitionPosition> positions,
            List<PartitionPosition> held) {
        return apply(target, groupId, events, positions);
    }

    /** {@code writer}'s applies, checking the positions the database holds when asked to. */
    static Applier of(ProjectionWriter writer) {
        return new Applier() {
            @Override
            public Uni<ApplyResult> apply(
                    ApplyTarget target,
                    String groupId,
                    List<Incoming.Event> events,
                    List<PartitionPosition> positions) {
                return writer.apply(target, groupId, events, positions);
            }

            @Override
            public Uni<ApplyResult> apply(
                    ApplyTarget target,
                    String groupId,
                    List<Incoming.Event> events,
                    List<PartitionPosition> positions,
                    List<PartitionPosition> held) {
                return writer.apply(target, groupId, events, positions, held);
            }
        };
    }
}
