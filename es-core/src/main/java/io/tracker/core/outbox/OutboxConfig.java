package io.tracker.core.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tracker.outbox.*}: where and how the relay publishes. */
@ConfigMapping(prefix = "tracker.outbox")
public interface OutboxConfig {

    /** The topic this service's events go to. */
    String topic();

    /** {@code ce_source} of the published CloudEvents, e.g. {@code /negotiation-service}. */
    String source();

    /** Create the topic at startup when it is missing (off where topics come from the platform). */
    @WithDefault("true")
    boolean createTopic();

    @WithDefault("3")
    int partitions();

    @WithDefault("1")
    short replicationFactor();

    /** Events read and sent per round. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the saved checkpoint may stay behind what the broker acknowledged: it is saved at most this often
     * while events go out (sooner once 100 events are unsaved), once this long after the last save when the relay
     * has caught up, and when the relay stops; 0 saves it after every batch. A relay that dies without stopping
     * leaves its successor (or itself, restarted) to send again what it published in that time (at least once,
     * which consumers handle).
     */
    @WithDefault("1s")
    Duration checkpointInterval();

    /** The relay wakes on a database notification; this poll only covers a lost notification. */
    @WithDefault("10s")
    Duration fallbackPoll();

    /** How often each replica reads the publication backlog for its gauges and readiness report. */
    @WithDefault("5s")
    Duration backlogRefresh();

    /** Longest pause between tries while the broker is unreachable. */
    @WithDefault("2s")
    Duration maxBackoff();
}
