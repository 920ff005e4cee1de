package io.tracker.projection.rebuild;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.apply.Backoff;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LiveConsumers;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.GenerationLoads;
import io.tracker.projection.persistence.GenerationPartitions;
import io.tracker.projection.persistence.GenerationStore;
import io.tracker.projection.persistence.GenerationStore.Generation;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * Rebuilds the read models: a new generation, filled by a consumer with a fresh group
 * ({@code projection-service-rebuild-<generation>}) from the beginning of both topics, while the live
 * consumers keep the active generation (and the new one, once BUILDING) up to date and queries keep reading the
 * active one. It starts LOADING ({@link LoadPhase}): the facts and links bulk-loaded into unindexed tables up to the
 * end offsets seen at its start, with the agreement states folded as it loads, then indexed and attached as the
 * generation's partitions; from there it is BUILDING: the replay continues from the loaded offsets. The replay writes the facts and folds the agreement states of the new generation batch by batch, as live
 * batches do; once the rebuild consumer reached the end offsets it saw at its start, the streams without a usable
 * state (replayed by an older version; normally none) are folded from their facts (page by page, see
 * {@link ProjectionWriter#summarizeBuilding}), then it becomes active in one transaction; the old one is purged
 * after a grace period (its partitions dropped, {@link GenerationPartitions}). A rebuild interrupted by a restart
 * resumes from its group's committed offsets.
 * <p>
 * This class starts, resumes and abandons rebuilds and tells where they are; the phases are {@link LoadPhase},
 * {@link ReplayPhase} and {@link SwitchOver}, the purge {@link RetiredPurge}.
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final ProjectionConfig config;
    private final GenerationStore generations;
    private final ProjectionMetrics metrics;
    private final LiveConsumers live;
    private final RetiredPurge purge;
    private final LoadPhase load;
    private final SwitchOver switchOver;
    private final ReplayPhase replayPhase;
    private volatile ConsumerLoop running;
    private volatile Generation runningGeneration;
    private volatile ReplayAssignment runningReplay;

    RebuildService(
            ProjectionConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ProjectionWriter writer,
            GenerationStore generations,
            GenerationPartitions partitions,
            ProjectionMetrics metrics,
            LiveConsumers live,
            GenerationLoads loads) {
        this.config = config;
        this.generations = generations;
        this.metrics = metrics;
        this.live = live;
        this.purge = new RetiredPurge(config, generations);
        RebuildHeap heap = new RebuildHeap(config.rebuildHeapMinFreeRatio(), config.rebuildHeapMaxFreeRatio());
        this.load = new LoadPhase(this, config, kafkaConfig, loads, partitions, generations, metrics, heap);
        this.switchOver = new SwitchOver(config, writer, generations, partitions, metrics, load, purge);
        this.replayPhase = new ReplayPhase(this, config, kafkaConfig, writer, metrics, heap, switchOver);
    }

    /**
     * Takes up where the last run left (the active generation's metric, the purge of retired generations, a rebuild
     * under way) on the purge thread: the HTTP server opens once the start observers have returned, and none of this
     * is needed to answer the first request.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        purge.execute(this::takeUp);
    }

    private void takeUp() {
        Integer active = Backoff.retry(
                () -> generations.active().await().atMost(DB_TIMEOUT),
                () -> false,
                config.maxRetryBackoff(),
                e -> LOG.warnf("cannot read the active generation at start (%s); retrying", e.toString()));
        if (active == null) {
            return; // interrupted: stopping
        }
        metrics.activeGeneration(active);
        purge.schedule(Duration.ZERO);
        if (config.consumersEnabled()) {
            java.util.Optional<Generation> building = Backoff.retry(
                    () -> generations.rebuilding().await().atMost(DB_TIMEOUT),
                    () -> false,
                    config.maxRetryBackoff(),
                    e -> LOG.warnf("cannot read the rebuild under way at start (%s); retrying", e.toString()));
            if (building != null) {
                building.ifPresent(g -> {
                    LOG.infof("resuming the rebuild of generation %d (%s)", g.generation(), g.state());
                    launch(g);
                });
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        ConsumerLoop loop = running;
        if (loop != null) {
            loop.stop();
        }
        purge.shutdownNow();
    }

    /**
     * Starts a rebuild (LOADING first unless {@code tracker.projection.rebuild-load} is off); fails with
     * {@link GenerationStore.RebuildRunningException} if one is under way.
     */
    public Uni<Generation> start() {
        return (config.rebuildLoad()
                        ? generations.createLoading(config.rebuildGroupPrefix())
                        : generations.createBuilding(config.rebuildGroupPrefix()))
                .invoke(this::launch);
    }

    /**
     * Abandons the rebuild under way (its generation becomes FAILED, its rows are purged later); empty when
     * none runs. The active generation is untouched.
     */
    public Uni<java.util.Optional<Generation>> abandon() {
        return generations
                .rebuilding()
                .call(building -> building.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : generations.fail(building.get().generation(), "abandoned by an operator"))
                .invoke(building -> {
                    ConsumerLoop loop = running;
                    Generation mine = runningGeneration;
                    if (building.isPresent()
                            && loop != null
                            && mine != null
                            && mine.generation() == building.get().generation()) {
                        loop.stop();
                    }
                    building.ifPresent(g -> purge.schedule(config.retiredGenerationGrace()));
                });
    }

    /** The topics replayed, and the kind of stream each carries. */
    Map<String, io.tracker.projection.domain.StreamKind> topics() {
        Map<String, io.tracker.projection.domain.StreamKind> topics = new LinkedHashMap<>();
        live.channels().forEach(c -> topics.put(c.topic(), c.stream()));
        return topics;
    }

    /**
     * Runs the rebuild of {@code generation} from its state: a load ({@link LoadPhase}) or a replay
     * ({@link ReplayPhase}).
     */
    synchronized void launch(Generation generation) {
        if (LoadPhase.LOADING.equals(generation.state())) {
            load.start(generation);
            return;
        }
        replayPhase.start(generation);
    }

    /** The rebuild consumer of this replica from now on (its status, what abandoning it stops). */
    synchronized void register(ConsumerLoop loop, ReplayAssignment replay, Generation generation) {
        runningReplay = replay;
        running = loop;
        runningGeneration = generation;
    }

    /** The rebuild consumer of this replica, if one ran since start. */
    public ConsumerLoop current() {
        return running;
    }

    public Generation currentGeneration() {
        return runningGeneration;
    }

    /**
     * How many streams the last pass of this replica's last rebuild folded from their facts (those without a usable
     * state); -1 before one ended.
     */
    public long lastPassStreams() {
        return switchOver.lastPassStreams();
    }

    /** What the last load of this replica did (empty when none ran), as its log line says it. */
    public String lastLoad() {
        return load.last();
    }

    /** The end offsets the current rebuild consumer replays up to (empty when none ran or before it started). */
    public Map<TopicPartition, Long> currentTarget() {
        ReplayAssignment replay = runningReplay;
        return replay == null ? Map.of() : replay.target();
    }
}
