package io.tracker.projection.apply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tracker.projection.persistence.ApplyResult;

/**
 * A replay's applies overlapping its reads: one batch is applied in the database while the loop polls and reads the
 * next; the loop takes its outcome before it starts another (so at most one is in flight, and offsets are committed
 * in order). Only on the loop's thread.
 */
final class ReplayPipeline {
    /** A batch taken out of the pipeline: its result, or the failure (the loop applies it again, retrying). */
    record Outcome(Batch batch, ApplyResult result, Exception failure) {}

    private final Applier writer;
    private final LoopSettings settings;
    private final Stages stages;
    private final Duration timeout;
    private CompletableFuture<ApplyResult> inFlight;
    private Batch batch;

    ReplayPipeline(Applier writer, LoopSettings settings, Stages stages, Duration timeout) {
        this.writer = writer;
        this.settings = settings;
        this.stages = stages;
        this.timeout = timeout;
    }

    /** Whether no batch is being applied. */
    boolean idle() {
        return inFlight == null;
    }

    /** Starts applying {@code next} (the previous one must have been taken). */
    void start(Batch next) {
        batch = next;
        long applying = System.nanoTime();
        inFlight = writer.apply(settings.target(), settings.groupId(), next.events(), next.positions())
                .invoke(() -> stages.apply.addAndGet(System.nanoTime() - applying))
                .subscribeAsCompletionStage();
    }

    /** Waits for the batch being applied and takes it out; null when none was. */
    Outcome take() throws InterruptedException {
        CompletableFuture<ApplyResult> future = inFlight;
        Batch taken = batch;
        if (future == null) {
            return null;
        }
        inFlight = null;
        batch = null;
        long waiting = System.nanoTime();
        try {
            ApplyResult result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            stages.applyWait.addAndGet(System.nanoTime() - waiting);
            return new Outcome(taken, result, null);
        } catch (ExecutionException | TimeoutException e) {
            return new Outcome(taken, null, e);
        }
    }
}
