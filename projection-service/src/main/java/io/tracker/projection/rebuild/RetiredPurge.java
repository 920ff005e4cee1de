package io.tracker.projection.rebuild;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.GenerationStore;

/**
 * The purge of retired generations after their grace period ({@link GenerationStore#purge}), on a thread of its own
 * ({@code projection-purge}); a purge that fails is logged and left to the next one. The rebuild service's start-up
 * work runs on the same thread.
 */
final class RetiredPurge {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final ProjectionConfig config;
    private final GenerationStore generations;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-purge");
        t.setDaemon(true);
        return t;
    });

    RetiredPurge(ProjectionConfig config, GenerationStore generations) {
        this.config = config;
        this.generations = generations;
    }

    /** Runs {@code work} on the purge thread. */
    void execute(Runnable work) {
        purger.execute(work);
    }

    /** Purges the generations retired longer than the grace period, {@code delay} (and a second) from now. */
    void schedule(Duration delay) {
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

    /** Stops the purge thread (the service stops). */
    void shutdownNow() {
        purger.shutdownNow();
    }
}
