package io.tracker.projection.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Retries an assertion until it passes or time runs out (then its last failure is thrown). */
public final class Eventually {
    private Eventually() {}

    public static void assertThat(Duration max, Runnable assertion) {
        get(max, () -> {
            assertion.run();
            return null;
        });
    }

    public static <T> T get(Duration max, Supplier<T> attempt) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                return attempt.get();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
