package io.tracker.core.application;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** A command handler's kept states and reads as metrics, tagged with the stream type. */
public final class HandlerMetrics {
    private HandlerMetrics() {}

    public static void register(MeterRegistry registry, String streamType, CommandHandler<?, ?, ?> handler) {
        Gauge.builder("tracker.command.kept.states", handler, CommandHandler::keptStates)
                .tag("stream_type", streamType)
                .description("streams whose decision state is kept in memory")
                .register(registry);
        Gauge.builder("tracker.command.kept.bytes", handler, CommandHandler::keptWeight)
                .tag("stream_type", streamType)
                .baseUnit("bytes")
                .description("estimated heap of the kept decision states")
                .register(registry);
        FunctionCounter.builder("tracker.command.stream.reads", handler, CommandHandler::tailReads)
                .tag("stream_type", streamType)
                .description("commands that read their stream (state not kept, behind, or a rejection to check)")
                .register(registry);
        FunctionCounter.builder("tracker.command.version.conflicts", handler, CommandHandler::conflicts)
                .tag("stream_type", streamType)
                .description("appends that lost the version race and were decided again")
                .register(registry);
        FunctionCounter.builder("tracker.command.snapshots.written", handler, CommandHandler::snapshotsWritten)
                .tag("stream_type", streamType)
                .description("snapshots of decision states stored")
                .register(registry);
    }
}
