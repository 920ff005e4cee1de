package io.tracker.projection.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.apply.ApplyTracing;
import io.tracker.projection.apply.Backoff;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.LoopSettings;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.GenerationLoad;
import io.tracker.projection.persistence.GenerationLoads;
import io.tracker.projection.persistence.GenerationPartitions;
import io.tracker.projection.persistence.GenerationStore;
import io.tracker.projection.persistence.GenerationStore.Generation;
import io.tracker.projection.persistence.PartitionPosition;

/**
 * A rebuild's LOADING phase. A consumer reads both topics from offset 0 up to the end offsets seen at its start (the
 * same reading, poison and dead-letter rules as any replay: {@link ConsumerLoop}) and bulk-loads each batch's facts
 * and investment links with {@code COPY} into the generation's standalone, unindexed tables
 * ({@link GenerationLoad}; the live consumers do not write a LOADING generation). At the end it builds their indexes,
 * attaches them (and the generation's positions partition, empty) as the generation's partitions, records the
 * rebuild group's positions and switches the generation to BUILDING; the replay then continues from those offsets
 * through the indexed path ({@link RebuildService}). The load folds the agreement states in memory as it loads (within
 * a budget in bytes) and COPYs them into the generation's list and entry tables before the indexes are built, so the
 * replay folds onto them and the last pass folds only the streams the budget left out. A load that did not finish
 * (a restart) starts again from offset 0 on emptied tables.
 */
final class LoadPhase {
    static final String LOADING = "LOADING";

    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(30);

    private final RebuildService rebuilds;
    private final ProjectionConfig config;
    private final Map<String, Object> kafkaConfig;
    private final GenerationLoads loads;
    private final GenerationPartitions partitions;
    private final GenerationStore generations;
    private final ProjectionMetrics metrics;
    private final RebuildHeap heap;
    private volatile String last = "";
    private final Set<Integer> analyzed = ConcurrentHashMap.newKeySet();

    LoadPhase(
            RebuildService rebuilds,
            ProjectionConfig config,
            Map<String, Object> kafkaConfig,
            GenerationLoads loads,
            GenerationPartitions partitions,
            GenerationStore generations,
            ProjectionMetrics metrics,
            RebuildHeap heap) {
        this.rebuilds = rebuilds;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.loads = loads;
        this.partitions = partitions;
        this.generations = generations;
        this.metrics = metrics;
        this.heap = heap;
    }

    /** Runs the load of the LOADING {@code generation} on a thread of its own (which then waits for its consumer). */
    void start(Generation generation) {
        Thread t = new Thread(
                () -> heap.during(() -> run(generation)), "projection-rebuild-load-" + generation.generation());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether this replica's load of {@code generation} loaded it to the end and analyzed its tables (the
     * switch-over's analyze is then left out: the replay after the load adds little).
     */
    boolean analyzed(int generation) {
        return analyzed.contains(generation);
    }

    /** What the last load did, as logged (empty when none ran). */
    String last() {
        return last;
    }

    private void run(Generation generation) {
        int g = generation.generation();
        GenerationLoad load;
        try {
            // a second replica resuming the same rebuild waits here while the first loads
            load = loads.open(g, () -> state(g).filter(LOADING::equals).isPresent());
        } catch (Exception e) {
            LOG.errorf(e, "the load of generation %d could not start; it resumes at the next start", g);
            return;
        }
        if (load == null) {
            // another replica loaded it meanwhile (or it was abandoned)
            if (state(g).filter("BUILDING"::equals).isPresent()) {
                rebuilds.launch(new Generation(g, "BUILDING", generation.groupId()));
            }
            return;
        }
        try {
            BooleanSupplier gone = () -> state(g).filter(LOADING::equals).isEmpty();
            if (retrying("preparing the tables of generation " + g, () -> partitions.prepareLoad(g), gone) == null) {
                return;
            }
            ReplayAssignment replay =
                    ReplayAssignment.load(rebuilds.topics().keySet(), "rebuild-load-" + g, load::full);
            ConsumerLoop[] self = new ConsumerLoop[1];
            long started = System.nanoTime();
            self[0] = new ConsumerLoop(
                    new LoopSettings(
                            "rebuild",
                            "rebuild-load-" + g,
                            generation.groupId(),
                            rebuilds.topics(),
                            ApplyTarget.rebuild(g),
                            config.pollTimeout(),
                            config.rebuildMaxPollRecords(),
                            0,
                            config.maxRetryBackoff()),
                    replay,
                    kafkaConfig,
                    (target, group, events, positions) -> load.load(events),
                    null,
                    metrics,
                    ApplyTracing.OFF,
                    () -> loaded(generation, load, self[0], started));
            rebuilds.register(self[0], replay, generation);
            LOG.infof("generation %d: loading", g);
            self[0].start();
            while (!self[0].awaitStopped(Duration.ofMinutes(1))) {
                // the load runs; its consumer ends at the end offsets, or when stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            load.close();
        }
    }

    /**
     * On the load's consumer thread once it loaded up to its end: indexes, attach, positions, BUILDING. False when
     * it was stopped first, or the generation is no longer LOADING.
     */
    private boolean loaded(Generation generation, GenerationLoad load, ConsumerLoop loop, long started) {
        int g = generation.generation();
        long loadedAt = System.nanoTime();
        if (retrying("writing the agreement states of generation " + g, load::writeStates, loop::stopping) == null) {
            return false;
        }
        long statesAt = System.nanoTime();
        if (retrying("building the indexes of generation " + g, () -> partitions.indexLoaded(g), loop::stopping)
                == null) {
            return false;
        }
        long indexed = System.nanoTime();
        if (retrying("attaching the partitions of generation " + g, () -> partitions.attach(g), loop::stopping)
                == null) {
            return false;
        }
        long attached = System.nanoTime();
        List<PartitionPosition> positions = new ArrayList<>();
        loop.positions()
                .forEach((tp, offset) -> positions.add(new PartitionPosition(tp.topic(), tp.partition(), offset)));
        Object switched = retrying(
                "switching generation " + g + " to BUILDING",
                () -> generations.loaded(
                        g, generation.groupId(), positions, loop.eventsApplied(), loop.transactions(), loop.poison()),
                loop::stopping);
        if (!Boolean.TRUE.equals(switched)) {
            LOG.warnf("generation %d was no longer loading; not switched to BUILDING", g);
            return false;
        }
        last = String.format(
                "generation %d loaded: %d events (%d duplicates dropped, %d poison) in %d transactions, %d ms%s;"
                        + " %s; indexes built and analyzed in %d ms, attached in %d ms; load %s",
                g,
                loop.eventsApplied(),
                load.duplicates(),
                loop.poison(),
                loop.transactions(),
                (loadedAt - started) / 1_000_000,
                load.full() ? " (its memory bound reached: the rest replays through the indexed path)" : "",
                load.statesWritten(),
                (indexed - statesAt) / 1_000_000,
                (attached - indexed) / 1_000_000,
                loop.stageBreakdown());
        LOG.info(last);
        if (!load.full()) {
            // its tables were analyzed once indexed; what the replay adds after the load is little
            analyzed.add(g);
        }
        // the replay goes on at once, while this consumer closes (its close waits for the broker to answer its last
        // fetch: up to fetch.max.wait.ms, 5 s here)
        rebuilds.launch(new Generation(g, "BUILDING", generation.groupId()));
        return true;
    }

    private Optional<String> state(int generation) {
        try {
            return generations.state(generation).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            return Optional.of(LOADING); // unknown: keep waiting (or loading); the next look decides
        }
    }

    /** The step's outcome (true for a step without one), retried with backoff until done; null once stopped. */
    private <T> Object retrying(String what, Supplier<Uni<T>> step, BooleanSupplier stopped) {
        return Backoff.retry(
                () -> {
                    T result = step.get().await().atMost(INDEX_TIMEOUT);
                    return result == null ? Boolean.TRUE : result;
                },
                stopped,
                config.maxRetryBackoff(),
                e -> LOG.warnf("%s failed (%s); retrying", what, e.toString()));
    }
}
