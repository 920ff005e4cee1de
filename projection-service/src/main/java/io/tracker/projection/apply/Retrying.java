package io.tracker.projection.apply;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * The retry policy of a loop: run a piece of work until it succeeds or the loop is stopped, backing off from
 * 100 ms, doubling up to {@code tracker.projection.max-retry-backoff}; one warning when it first fails, one line
 * when it succeeds after retries. The last failure is the loop's {@link Progress#lastError()}.
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
        long backoff = 100;
        boolean warned = false;
        while (running.getAsBoolean()) {
            try {
                work.run();
                if (warned) {
                    LOG.infof("consumer %s: %s succeeded after retries", clientId, what);
                }
                progress.lastError(null);
                return true;
            } catch (RuntimeException e) {
                progress.lastError(e.toString());
                if (!warned) {
                    LOG.warnf("consumer %s: %s failed (%s); retrying", clientId, what, e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    stop.run();
                    return false;
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
        return false;
    }
}
