package io.tracker.projection.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.persistence.AppliedPositions;
import io.tracker.projection.persistence.ApplyTarget;
import io.tracker.projection.persistence.ProjectionWriter;

/**
 * The live consumers, one per channel: {@code negotiation-events} and {@code investment-events}, each with the
 * topic and group of its {@code mp.messaging.incoming.<channel>.*} configuration. They apply to the active
 * generation (and to a generation being rebuilt), dead-letter poison records, and report lag and phase; each
 * starts its partitions at the positions the database holds ({@link LiveSubscription}).
 */
@ApplicationScoped
public class LiveConsumers {
    private static final Logger LOG = Logger.getLogger(LiveConsumers.class);

    /** A channel of the configuration: its name, the stream kind its topic carries, topic and group. */
    public record Channel(String name, StreamKind stream, String topic, String groupId) {}

    private final ProjectionConfig config;
    private final Map<String, Object> kafkaConfig;
    private final ProjectionWriter writer;
    private final AppliedPositions positions;
    private final ProjectionMetrics metrics;
    private final ApplyTracing tracing;
    private final List<Channel> channels;
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private DeadLetterPublisher deadLetters;

    LiveConsumers(
            ProjectionConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ProjectionWriter writer,
            AppliedPositions positions,
            ProjectionMetrics metrics,
            io.opentelemetry.api.OpenTelemetry openTelemetry,
            @ConfigProperty(name = "mp.messaging.incoming.negotiation-events.topic") String negotiationTopic,
            @ConfigProperty(name = "mp.messaging.incoming.negotiation-events.group.id") String negotiationGroup,
            @ConfigProperty(name = "mp.messaging.incoming.investment-events.topic") String investmentTopic,
            @ConfigProperty(name = "mp.messaging.incoming.investment-events.group.id") String investmentGroup) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.writer = writer;
        this.positions = positions;
        this.metrics = metrics;
        this.tracing = new ApplyTracing(openTelemetry.getTracer("io.tracker.projection"));
        this.channels = List.of(
                new Channel("negotiation-events", StreamKind.NEGOTIATION, negotiationTopic, negotiationGroup),
                new Channel("investment-events", StreamKind.INVESTMENT, investmentTopic, investmentGroup));
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.consumersEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public List<Channel> channels() {
        return channels;
    }

    public synchronized void start() {
        if (!loops.isEmpty()) {
            return;
        }
        deadLetters = new DeadLetterPublisher(
                kafkaConfig, config.dlqTopic(), channels.get(0).groupId(), "projection-dead-letters");
        for (Channel channel : channels) {
            ConsumerLoop loop = loop(channel, "live-" + channel.name());
            loops.add(loop);
            loop.start();
        }
        LOG.infof("live consumers started: %s; dead letters to %s", channels, config.dlqTopic());
    }

    /**
     * A live loop of {@code channel} (not started): its group and topic, started at the database's positions,
     * dead-lettering with the running consumers' publisher. {@code start()} makes one per channel; another replica
     * of the service would make the same ({@code TwoReplicasTest} does, with another client id).
     */
    synchronized ConsumerLoop loop(Channel channel, String clientId) {
        return new ConsumerLoop(
                new LoopSettings(
                        "live",
                        clientId,
                        channel.groupId(),
                        Map.of(channel.topic(), channel.stream()),
                        ApplyTarget.live(),
                        config.pollTimeout(),
                        config.maxPollRecords(),
                        config.liveLagThreshold(),
                        config.maxRetryBackoff()),
                new LiveSubscription(
                        Set.of(channel.topic()),
                        topics -> positions.held(channel.groupId(), topics),
                        config.offsetCommitInterval()),
                kafkaConfig,
                writer,
                deadLetters,
                metrics,
                tracing,
                () -> {});
    }

    /** Stops the consumers (the batch in hand is finished or left uncommitted). */
    public synchronized void stop() {
        loops.forEach(ConsumerLoop::stop);
        for (ConsumerLoop loop : loops) {
            try {
                loop.awaitStopped(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loops.clear();
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
    }

    public synchronized List<ConsumerLoop> loops() {
        return List.copyOf(loops);
    }

    /** The least advanced phase of the live consumers (FAILED first), STOPPED when none runs. */
    public LoopPhase phase() {
        List<ConsumerLoop> current = loops();
        if (current.isEmpty()) {
            return LoopPhase.STOPPED;
        }
        LoopPhase[] order = {LoopPhase.FAILED, LoopPhase.STOPPED, LoopPhase.STARTING, LoopPhase.CATCHING_UP};
        for (LoopPhase p : order) {
            if (current.stream().anyMatch(l -> l.phase() == p)) {
                return p;
            }
        }
        return LoopPhase.LIVE;
    }

    public long totalLag() {
        return loops().stream().mapToLong(ConsumerLoop::totalLag).sum();
    }
}
