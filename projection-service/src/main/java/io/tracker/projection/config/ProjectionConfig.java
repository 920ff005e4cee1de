package io.tracker.projection.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tracker.projection.*}: the projection's own settings (the channels are under {@code mp.messaging.incoming.*}). */
@ConfigMapping(prefix = "tracker.projection")
public interface ProjectionConfig {

    /** Where poison records go, with the reason in headers. */
    String dlqTopic();

    /** Consumer group prefix of rebuilds; the generation number is appended. */
    @WithDefault("projection-service-rebuild-")
    String rebuildGroupPrefix();

    /** Whether the live consumers start with the application (tests may drive them). */
    @WithDefault("true")
    boolean consumersEnabled();

    /** How long a poll waits for records. */
    @WithDefault("500ms")
    Duration pollTimeout();

    /**
     * How often a live consumer commits its Kafka offsets (asynchronously, and once more when it stops). Its positions
     * are the database's ({@code applied_position}, written with the facts): it starts every partition it is given
     * there, so Kafka's committed offsets only show where it is (lag in the broker's tools); 0: after every batch.
     */
    @WithDefault("1s")
    Duration offsetCommitInterval();

    /**
     * Whether a live batch's transaction waits for its WAL flush. Off: a crash of PostgreSQL (not of this service)
     * may lose the last applies (up to about 3 × {@code wal_writer_delay}) together with their positions; the live
     * consumer finds its next batch's positions behind what it wrote and reads those records again from the
     * database's positions. A rebuild's transactions always wait (its replay resumes from Kafka's offsets).
     */
    @WithDefault("false")
    boolean liveSynchronousCommit();

    /** The most records one poll (and so one transaction) of a live consumer takes. */
    @WithDefault("500")
    int maxPollRecords();

    /**
     * The most records one poll (and so one transaction) of a rebuild's replay takes; the replay reads and decodes
     * the next batch while the database applies the previous one, so two batches are in memory at once. 4000: with
     * 1000 the test JVM's full collections went (RebuildSpeedMeasurement), but in the benchmark the service rebuilt
     * at 8,997 events/s against 10,491 with 4000 (full runs back to back, docs/BENCHMARKS.md): the GC's saving
     * (0.46 -> 0.38 cores) did not pay for the 2.9x more transactions.
     */
    @WithDefault("4000")
    int rebuildMaxPollRecords();

    /**
     * The JVM's {@code MinHeapFreeRatio} while a rebuild runs (then {@link #rebuildHeapMaxFreeRatio()}; both back to
     * what they were after it): room in the heap for the replay's batches in flight, which the services' tight ratios
     * (10/30, deploy/local/service-jvm.options) turn into a full collection every second or third young one
     * (rebuild.RebuildHeap; docs/BENCHMARKS.md). 0 leaves the heap's settings alone.
     */
    @WithDefault("40")
    int rebuildHeapMinFreeRatio();

    /** The JVM's {@code MaxHeapFreeRatio} while a rebuild runs (see {@link #rebuildHeapMinFreeRatio()}). */
    @WithDefault("70")
    int rebuildHeapMaxFreeRatio();

    /**
     * Whether a rebuild starts with a bulk load (state LOADING: the facts and links COPYed into unindexed tables, the
     * agreement states folded in memory as it goes and COPYed at its end, indexed and attached at the end) before its
     * replay through the indexed path (BUILDING); off: BUILDING from the start, as before the load existed. Off by
     * default: bench.sh found it slower, in a quick pair (4,804 against 7,116 events/s) and in a full pair of
     * 2026-12-06 (9,367 against 12,478 events/s over ~1.05 million events: the load reached its memory bounds after
     * 644,013 events, its reads took 58 us a record under the collections of the held states against the replay's 27,
     * the rest replayed through the indexed path; docs/BENCHMARKS.md).
     */
    @WithDefault("false")
    boolean rebuildLoad();

    /**
     * The most streams a rebuild's load remembers to drop the topics' duplicates before its COPY (about 150 bytes
     * each, plus a bit per event): with more, the load ends where it is and the replay continues through the indexed
     * path (which drops duplicates by its keys).
     */
    @WithDefault("100000")
    int loadMaxStreams();

    /**
     * The most memory (KB, estimated: about 1.2 KB per agreement plus 0.4-1 KB per fact) a rebuild's load holds for
     * the agreement states it folds as it loads (written into the generation at its end, so the last pass has none to
     * fold): a stream whose state does not fit is dropped from it, and the replay or the last pass folds it from its
     * facts. 32 MB: the service runs on a 160 MB heap (deploy/local/service-jvm.options); about 3,000 agreements of
     * 14 facts.
     */
    @WithDefault("32768")
    long rebuildLoadStateBudgetKb();

    /** Total lag at or below which a consumer counts as live rather than catching up. */
    @WithDefault("0")
    long liveLagThreshold();

    /** Whether readiness is DOWN while catching up (off: a stale answer beats none). */
    @WithDefault("false")
    boolean readyOnlyWhenLive();

    /**
     * A rebuilt generation's agreements without a usable folded state (streams replayed by an older version) are
     * folded from their facts once, before the switch-over, in pages of at most this many negotiation streams …
     */
    @WithDefault("2000")
    int summaryPageStreams();

    /** … and at most this many of their facts (unless one stream alone has more): bounds the memory a page needs. */
    @WithDefault("8000")
    long summaryPageFacts();

    /** How long the rows of a retired generation are kept before they are deleted. */
    @WithDefault("60s")
    Duration retiredGenerationGrace();

    /**
     * At most this many bytes (estimated) of current agreement statuses kept for repeated questions, with the folds
     * they were computed from (a miss after new facts reads and folds only those: {@code persistence.CurrentStatuses};
     * a 70-fact agreement of the samples takes about 32 KB by the estimate, its status 14 KB of it, where its decoded
     * history took about 150 KB); 0 keeps none.
     */
    @WithDefault("16777216")
    long statusCacheBytes();

    /** Longest wait between retries of a batch the database refused. */
    @WithDefault("10s")
    Duration maxRetryBackoff();
}
