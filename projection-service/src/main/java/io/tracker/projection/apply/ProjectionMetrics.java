package io.tracker.projection.apply;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tracker.projection.messaging.PoisonReason;

/**
 * The projection's metrics (Prometheus names in brackets): events applied [projection_events_applied_total],
 * redeliveries skipped [projection_events_duplicate_total], transactions [projection_transactions_total],
 * dead letters by reason [projection_dead_letters_total], poison skipped by a rebuild
 * [projection_poison_skipped_total], and per partition the consumer lag [projection_consumer_lag] and the
 * last applied offset [projection_last_applied_offset]; the active generation [projection_active_generation].
 */
@ApplicationScoped
public class ProjectionMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, ConsumerCounters> consumers = new ConcurrentHashMap<>();
    private final AtomicLong activeGeneration = new AtomicLong(1);

    ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("projection.active.generation", activeGeneration, AtomicLong::get)
                .description("the generation of the read models that answers queries")
                .register(registry);
    }

    public void applied(String consumer, int applied, int duplicates) {
        ConsumerCounters counters = consumers.computeIfAbsent(consumer, this::countersOf);
        counters.applied().increment(applied);
        counters.duplicates().increment(duplicates);
        counters.transactions().increment();
    }

    /** A consumer's three counters, registered once (not looked up in the registry on every batch). */
    private record ConsumerCounters(Counter applied, Counter duplicates, Counter transactions) {}

    private ConsumerCounters countersOf(String consumer) {
        return new ConsumerCounters(
                Counter.builder("projection.events.applied")
                        .description("events applied to the read models for the first time")
                        .tags("consumer", consumer)
                        .register(registry),
                Counter.builder("projection.events.duplicate")
                        .description("events received again and not applied again")
                        .tags("consumer", consumer)
                        .register(registry),
                Counter.builder("projection.transactions")
                        .description("database transactions that applied a batch")
                        .tags("consumer", consumer)
                        .register(registry));
    }

    public void deadLetter(PoisonReason reason) {
        Counter.builder("projection.dead.letters")
                .description("poison records sent to the dead-letter topic")
                .tags("reason", reason.name())
                .register(registry)
                .increment();
    }

    public void poisonSkipped(PoisonReason reason) {
        Counter.builder("projection.poison.skipped")
                .description("poison records a rebuild skipped (already dead-lettered live)")
                .tags("reason", reason.name())
                .register(registry)
                .increment();
    }

    public void lag(String consumer, String topic, int partition, long lag) {
        gauge("projection.consumer.lag", "records in the partition not applied yet", consumer, topic, partition)
                .set(lag);
    }

    public void lastApplied(String consumer, String topic, int partition, long offset) {
        gauge(
                        "projection.last.applied.offset",
                        "offset of the last record applied (or dead-lettered)",
                        consumer,
                        topic,
                        partition)
                .set(offset);
    }

    public void activeGeneration(int generation) {
        activeGeneration.set(generation);
    }

    public double deadLetters(PoisonReason reason) {
        Counter c = registry.find("projection.dead.letters")
                .tag("reason", reason.name())
                .counter();
        return c == null ? 0 : c.count();
    }

    private AtomicLong gauge(String name, String description, String consumer, String topic, int partition) {
        return gauges.computeIfAbsent(name + "|" + consumer + "|" + topic + "|" + partition, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get)
                    .description(description)
                    .tags(Tags.of("consumer", consumer, "topic", topic, "partition", Integer.toString(partition)))
                    .register(registry);
            return value;
        });
    }
}
