package io.tracker.system;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for a condition that becomes true asynchronously (not a timing assertion). */
public final class Eventually {
    private Eventually() {}

    public static void until(Duration max, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean ok;
            try {
                ok = condition.getAsBoolean();
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + max.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
