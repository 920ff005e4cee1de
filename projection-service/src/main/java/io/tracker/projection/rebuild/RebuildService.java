package io.tracker.projection.rebuild;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.apply.ApplyTracing;
import io.tracker.projection.apply.Backoff;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LiveConsumers;
import io.tracker.projection.apply.LoopSettings;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.ApplyTarget;
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
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final ProjectionConfig config;
    private final Map<String, Object> kafkaConfig;
    private final ProjectionWriter writer;
    private final GenerationStore generations;
    private final GenerationPartitions partitions;
    private final ProjectionMetrics metrics;
    private final LiveConsumers live;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-purge");
        t.setDaemon(true);
        return t;
    });
    private final RebuildHeap heap;
    private final LoadPhase load;
    private volatile ConsumerLoop running;
    private volatile Generation runningGeneration;
    private volatile ReplayAssignment runningReplay;
    private volatile long lastPassStreams = -1;

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
        this.kafkaConfig = kafkaConfig;
        this.writer = writer;
        this.generations = generations;
        this.partitions = partitions;
        this.metrics = metrics;
        this.live = live;
        this.heap = new RebuildHeap(config.rebuildHeapMinFreeRatio(), config.rebuildHeapMaxFreeRatio());
        this.load = new LoadPhase(this, config, kafkaConfig, loads, partitions, generations, metrics, heap);
    }

    /**
     * Takes up where the last run left (the active generation's metric, the purge of retired generations, a rebuild
     * under way) on the purge thread: the HTTP server opens once the start observers have returned, and none of this
     * is needed to answer the first request.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        purger.execute(this::takeUp);
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
        schedulePurge(Duration.ZERO);
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
        purger.shutdownNow();
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
                    building.ifPresent(g -> schedulePurge(config.retiredGenerationGrace()));
                });
    }

    /** The topics replayed, and the kind of stream each carries. */
    Map<String, io.tracker.projection.domain.StreamKind> topics() {
        Map<String, io.tracker.projection.domain.StreamKind> topics = new LinkedHashMap<>();
        live.channels().forEach(c -> topics.put(c.topic(), c.stream()));
        return topics;
    }

    /** Runs the rebuild of {@code generation} from its state: a load ({@link LoadPhase}) or a replay. */
    synchronized void launch(Generation generation) {
        if (LoadPhase.LOADING.equals(generation.state())) {
            load.start(generation);
            return;
        }
        Map<String, io.tracker.projection.domain.StreamKind> topics = topics();
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
                () -> activate(generation, self[0]));
        register(self[0], replay, generation);
        self[0].start(() -> heap.during(self[0]));
    }

    /** The rebuild consumer of this replica from now on (its status, what abandoning it stops). */
    synchronized void register(ConsumerLoop loop, ReplayAssignment replay, Generation generation) {
        runningReplay = replay;
        running = loop;
        runningGeneration = generation;
    }

    /**
     * Runs on the rebuild consumer's thread once it caught up: fold the streams without a usable state, then switch
     * generations, retrying until done.
     */
    private void activate(Generation generation, ConsumerLoop loop) {
        if (load.analyzed(generation.generation())) {
            LOG.infof("generation %d: statistics as the load left them", generation.generation());
        } else {
            analyze(generation);
        }
        if (!summarize(generation, loop)) {
            return;
        }
        Boolean activated = Backoff.retry(
                () -> generations
                        .activate(generation.generation(), loop.eventsApplied(), loop.transactions(), loop.poison())
                        .await()
                        .atMost(DB_TIMEOUT),
                () -> false,
                config.maxRetryBackoff(),
                e -> LOG.warnf(
                        "activating generation %d failed (%s); retrying", generation.generation(), e.toString()));
        if (activated == null) {
            return; // interrupted
        }
        if (activated) {
            metrics.activeGeneration(generation.generation());
            LOG.infof(
                    "generation %d is active: %d events in %d transactions; replay %s",
                    generation.generation(), loop.eventsApplied(), loop.transactions(), loop.stageBreakdown());
            schedulePurge(config.retiredGenerationGrace());
        } else {
            LOG.warnf("generation %d was no longer building; not activated", generation.generation());
        }
    }

    /**
     * Fresh planner statistics for the generation's partitions (only them) once the replay filled them (seen once in
     * the speed measurement: the last pass's first page timed out twice, 30 s each, right after a 21,000-event replay,
     * then answered in 0.2 s; stale statistics planning the new generation as empty are the likely cause). Best
     * effort: a failure only leaves it to autovacuum.
     */
    private void analyze(Generation generation) {
        long started = System.nanoTime();
        try {
            partitions.analyze(generation.generation()).await().atMost(DB_TIMEOUT);
            LOG.infof(
                    "generation %d: statistics refreshed in %d ms",
                    generation.generation(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "refreshing the statistics for generation %d failed (%s); continuing",
                    generation.generation(), e.toString());
        }
    }

    /**
     * The states of the generation built that the replay could not fold (streams without a usable state), from
     * their facts, page after page, each page retried until done. False when the rebuild was stopped meanwhile.
     */
    private boolean summarize(Generation generation, ConsumerLoop loop) {
        long started = System.nanoTime();
        long streams = 0;
        long facts = 0;
        int pages = 0;
        String after = null;
        while (true) {
            String from = after;
            ProjectionWriter.SummaryPage page = Backoff.retry(
                    () -> writer.summarizeBuilding(
                                    generation.generation(),
                                    from,
                                    config.summaryPageStreams(),
                                    config.summaryPageFacts())
                            .await()
                            .atMost(DB_TIMEOUT),
                    loop::stopping,
                    config.maxRetryBackoff(),
                    e -> LOG.warnf(
                            "computing the summaries of generation %d failed (%s); retrying",
                            generation.generation(), e.toString()));
            if (page == null) {
                return false;
            }
            if (page.streams() == 0) {
                lastPassStreams = streams;
                LOG.infof(
                        "generation %d: %d negotiations without a usable state (%d facts) folded in %d page(s), %d ms",
                        generation.generation(), streams, facts, pages, (System.nanoTime() - started) / 1_000_000);
                return true;
            }
            streams += page.streams();
            facts += page.facts();
            pages++;
            after = page.lastStreamId();
        }
    }

    private void schedulePurge(Duration delay) {
        purger.schedule(
                () -> {
                    try {
                        long deleted = generations
                                .purge(config.retiredGenerationGrace())
                                .await()
                                .atMost(Duration.ofMinutes(5));
                        if (deleted > 0) {
                            LOG.infof("purged %d fact rows of retired generations", deleted);
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("purging retired generations failed (%s); next time", e.toString());
                    }
                },
                delay.toMillis() + 1000,
                TimeUnit.MILLISECONDS);
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
        return lastPassStreams;
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
