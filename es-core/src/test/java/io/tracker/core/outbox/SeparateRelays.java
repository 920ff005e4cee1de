package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.tracker.core.store.DedicatedConnections;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Relays for tests, beside the application's: each with database sessions and a producer of its own, as another
 * replica of the service would have.
 */
@ApplicationScoped
class SeparateRelays {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    OutboxConfig config;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    DedicatedConnections connections;

    /** A relay with the application's settings. */
    OutboxRelay relay(SimpleMeterRegistry metrics) {
        return relay(config, metrics);
    }

    OutboxRelay relay(OutboxConfig settings, SimpleMeterRegistry metrics) {
        return new OutboxRelay(
                settings,
                new PublicationLog(pool),
                new RelayLeadership(connections),
                kafkaConfig,
                metrics,
                vertx,
                io.opentelemetry.api.OpenTelemetry.noop());
    }

    /** Events a relay published (acknowledged by the broker), by its metrics. */
    static long published(SimpleMeterRegistry metrics) {
        return (long) metrics.get("tracker.outbox.published").counter().count();
    }

    /** Until {@code condition} holds, at most {@code max}; fails naming {@code what}. */
    static void await(BooleanSupplier condition, String what, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited in vain: " + what);
            Thread.sleep(20);
        }
    }
}
