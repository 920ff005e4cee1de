package io.tracker.projection.rebuild;

import java.util.Map;

import io.tracker.projection.apply.ApplyTracing;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LoopSettings;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.GenerationStore.Generation;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * A rebuild's BUILDING phase: a consumer assigned every partition of both topics ({@link ReplayAssignment}) applies
 * them to the generation batch by batch as live batches are applied, up to the end offsets it saw at its start, with
 * the heap widened ({@link RebuildHeap}); then {@link SwitchOver}.
 */
final class ReplayPhase {
    private final RebuildService rebuilds;
    private final ProjectionConfig config;
    private final Map<String, Object> kafkaConfig;
    private final ProjectionWriter writer;
    private final ProjectionMetrics metrics;
    private final RebuildHeap heap;
    private final SwitchOver switchOver;

    ReplayPhase(
            RebuildService rebuilds,
            ProjectionConfig config,
            Map<String, Object> kafkaConfig,
            ProjectionWriter writer,
            ProjectionMetrics metrics,
            RebuildHeap heap,
            SwitchOver switchOver) {
        this.rebuilds = rebuilds;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.writer = writer;
        this.metrics = metrics;
        this.heap = heap;
        this.switchOver = switchOver;
    }

    /** Starts the replay of the BUILDING {@code generation} on its consumer's thread, registered as the rebuild's. */
    void start(Generation generation) {
        Map<String, io.tracker.projection.domain.StreamKind> topics = rebuilds.topics();
        ReplayAssignment replay = new ReplayAssignment(topics.keySet(), "rebuild-" + generation.generation());
        ConsumerLoop[] self = new ConsumerLoop[1];
        self[0] = new ConsumerLoop(
                new LoopSettings(
                        "rebuild",
                        "rebuild-" + generation.generation(),
                        generation.groupId(),
                        topics,
                        ApplyTarget.rebuild(generation.generation()),
                        config.pollTimeout(),
                        config.rebuildMaxPollRecords(),
                        0,
                        config.maxRetryBackoff()),
                replay,
                kafkaConfig,
                writer,
                null,
                metrics,
                ApplyTracing.OFF,
                () -> switchOver.activate(generation, self[0]));
        rebuilds.register(self[0], replay, generation);
        self[0].start(() -> heap.during(self[0]));
    }
}
