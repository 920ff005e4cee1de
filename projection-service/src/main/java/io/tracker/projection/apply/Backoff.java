package io.tracker.projection.apply;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The projection's one retry policy: a step is tried until it succeeds or its caller stops, waiting 100 ms after the
 * first failure and twice as long after each next one, up to {@code tracker.projection.max-retry-backoff}. Used by
 * the consumer loops ({@link Retrying}) and by the rebuild's phases (preparing, indexing, attaching, summarizing,
 * switching generations).
 */
public final class Backoff {
    static final long FIRST_WAIT_MS = 100;

    private Backoff() {}

    /**
     * The step's result once a try returns; null when {@code stopped} said so before a try, or when the thread was
     * interrupted while waiting (its interrupt flag is then set again). {@code failed} sees every failure before the
     * wait. A step must not return null (a step without a result returns {@code Boolean.TRUE}).
     */
    public static <T> T retry(
            Supplier<T> step, BooleanSupplier stopped, Duration maxWait, Consumer<RuntimeException> failed) {
        return retry(step, stopped, maxWait, failed, Thread::sleep);
    }

    /** How a wait is spent (the tests record them). */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    static <T> T retry(
            Supplier<T> step,
            BooleanSupplier stopped,
            Duration maxWait,
            Consumer<RuntimeException> failed,
            Sleeper sleeper) {
        long wait = FIRST_WAIT_MS;
        while (!stopped.getAsBoolean()) {
            T result;
            try {
                result = step.get();
            } catch (RuntimeException e) {
                failed.accept(e);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                wait = Math.min(wait * 2, maxWait.toMillis());
                continue;
            }
            return Objects.requireNonNull(result, "a retried step returned null");
        }
        return null;
    }
}
