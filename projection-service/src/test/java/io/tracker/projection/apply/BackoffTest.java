package io.tracker.projection.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The projection's one retry policy ({@link Backoff}), on its own: no Quarkus, no database. */
class BackoffTest {

    @Test
    void aStepThatFailsIsTriedAgainWithDoublingWaitsUpToTheMaximum() {
        AtomicInteger tries = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        String result = Backoff.retry(
                () -> {
                    if (tries.incrementAndGet() <= 4) {
                        throw new IllegalStateException("down " + tries.get());
                    }
                    return "done";
                },
                () -> false,
                Duration.ofMillis(300),
                e -> failures.add(e.getMessage()),
                waits::add);

        assertEquals("done", result);
        assertEquals(5, tries.get());
        assertEquals(List.of("down 1", "down 2", "down 3", "down 4"), failures);
        assertEquals(List.of(100L, 200L, 300L, 300L), waits);
    }

    @Test
    void theDefaultWaitReallySleeps() {
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();
        Backoff.retry(
                () -> {
                    if (tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("down");
                    }
                    return Boolean.TRUE;
                },
                () -> false,
                Duration.ofSeconds(1),
                e -> {});
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 95);
    }

    @Test
    void aStoppedCallerGetsNullAndNoFurtherTry() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger looks = new AtomicInteger();
        Object result = Backoff.retry(
                () -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("down");
                },
                () -> looks.incrementAndGet() > 2, // stopped before the third try
                Duration.ofMillis(10),
                e -> {});

        assertNull(result);
        assertEquals(2, tries.get());
    }

    @Test
    void anInterruptedWaitGivesNullAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        try {
            Object result = Backoff.retry(
                    () -> {
                        throw new IllegalStateException("down");
                    },
                    () -> false,
                    Duration.ofSeconds(10),
                    e -> {});
            assertNull(result);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStepThatReturnsNullIsAProgrammingErrorNotARetry() {
        AtomicInteger tries = new AtomicInteger();
        assertThrows(
                NullPointerException.class,
                () -> Backoff.retry(
                        () -> {
                            tries.incrementAndGet();
                            return null;
                        },
                        () -> false,
                        Duration.ofMillis(10),
                        e -> {}));
        assertEquals(1, tries.get());
    }
}
