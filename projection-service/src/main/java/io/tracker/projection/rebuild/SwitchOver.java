package io.tracker.projection.rebuild;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.tracker.projection.apply.Backoff;
import io.tracker.projection.apply.ConsumerLoop;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.GenerationPartitions;
import io.tracker.projection.persistence.GenerationStore;
import io.tracker.projection.persistence.GenerationStore.Generation;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * A rebuild's end, on its replay consumer's thread once it caught up: the generation's planner statistics refreshed,
 * the streams without a usable state folded from their facts (the last pass), then the generation made active,
 * retried until done, and the old one's purge scheduled ({@link RetiredPurge}).
 */
final class SwitchOver {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final ProjectionConfig config;
    private final ProjectionWriter writer;
    private final GenerationStore generations;
    private final GenerationPartitions partitions;
    private final ProjectionMetrics metrics;
    private final LoadPhase load;
    private final RetiredPurge purge;
    private volatile long lastPassStreams = -1;

    SwitchOver(
            ProjectionConfig config,
            ProjectionWriter writer,
            GenerationStore generations,
            GenerationPartitions partitions,
            ProjectionMetrics metrics,
            LoadPhase load,
            RetiredPurge purge) {
        this.config = config;
        this.writer = writer;
        this.generations = generations;
        this.partitions = partitions;
        this.metrics = metrics;
        this.load = load;
        this.purge = purge;
    }

    /**
     * Runs on the rebuild consumer's thread once it caught up: fold the streams without a usable state, then switch
     * generations, retrying until done.
     */
    void activate(Generation generation, ConsumerLoop loop) {
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
            purge.schedule(config.retiredGenerationGrace());
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

    /** How many streams the last pass folded from their facts: {@link RebuildService#lastPassStreams()}. */
    long lastPassStreams() {
        return lastPassStreams;
    }
}
