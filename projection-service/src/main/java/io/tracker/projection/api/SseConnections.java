package io.tracker.projection.api;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live SSE streams this replica holds, bounded: each costs a subscription to every committed change, a
 * heartbeat timer and a connection's buffers, so without a bound a crowd of watchers (or one client opening
 * streams in a loop) would grow the heap until the JVM stops. Beyond {@code tracker.sse.max-connections} a new
 * stream is refused with 503 and Retry-After; {@code tracker_sse_connections} says how many are open.
 */
@ApplicationScoped
public class SseConnections {
    private final AtomicInteger open = new AtomicInteger();
    private final int max;

    SseConnections(
            @ConfigProperty(name = "tracker.sse.max-connections", defaultValue = "1000") int max,
            MeterRegistry registry) {
        this.max = max;
        Gauge.builder("tracker.sse.connections", open, AtomicInteger::get)
                .description("live SSE streams open on this replica (bounded by tracker.sse.max-connections)")
                .register(registry);
    }

    /** Takes a place for a new stream, or throws {@link TooManyStreams} when all are taken. */
    void open() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                throw new TooManyStreams(max);
            }
            if (open.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** Gives back the place of a stream that ended (the client left, or the stream failed). */
    void close() {
        open.decrementAndGet();
    }

    int count() {
        return open.get();
    }

    /** Every place for a live stream is taken: the client may retry later. */
    public static final class TooManyStreams extends RuntimeException {
        TooManyStreams(int max) {
            super(
                    "this replica holds its maximum of " + max
                            + " live streams (tracker.sse.max-connections); retry later",
                    null,
                    false,
                    false);
        }
    }
}
