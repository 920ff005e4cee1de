package io.tracker.projection.apply;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * The retry policy of a loop: run a piece of work until it succeeds or the loop is stopped, with {@link Backoff}'s
 * waits; one warning when it first fails, one line when it succeeds after retries. The last failure is the loop's {@link Progress#lastError()}.
 */
final class Retrying {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String clientId;
    private final Duration maxBackoff;
    private final Progress progress;
    private final BooleanSupplier running;
    private final Runnable stop;

    /** {@code stop}: called when the waiting thread is interrupted (the loop stops). */
    Retrying(String clientId, Duration maxBackoff, Progress progress, BooleanSupplier running, Runnable stop) {
        this.clientId = clientId;
        this.maxBackoff = maxBackoff;
        this.progress = progress;
        this.running = running;
        this.stop = stop;
    }

    /** Runs {@code work} until it succeeds (true) or the loop is stopped (false), backing off between tries. */
    boolean run(String what, Runnable work) {
        boolean[] warned = {false};
        Boolean done = Backoff.retry(
                () -> {
                    work.run();
                    return Boolean.TRUE;
                },
                () -> !running.getAsBoolean(),
                maxBackoff,
                e -> {
                    progress.lastError(e.toString());
                    if (!warned[0]) {
                        LOG.warnf("consumer %s: %s failed (%s); retrying", clientId, what, e.toString());
                        warned[0] = true;
                    }
                });
        if (done == null) {
            if (Thread.currentThread().isInterrupted()) {
                stop.run();
            }
            return false;
        }
        if (warned[0]) {
            LOG.infof("consumer %s: %s succeeded after retries", clientId, what);
        }
        progress.lastError(null);
        return true;
    }
}
