package io.tracker.projection.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The latest rebuild: its generation and state (LOADING while it bulk-loads, BUILDING while it replays through the
 * indexed path, ACTIVE once switched over, RETIRED after a later one, FAILED), its consumer group, what it applied in how many transactions, and while it runs, where it
 * is per partition ({@code position}: the next offset to apply) against the end offset it replays up to.
 */
public record RebuildStatus(
        Integer generation,
        String state,
        String groupId,
        int activeGeneration,
        OffsetDateTime createdAt,
        OffsetDateTime activatedAt,
        long eventsApplied,
        long transactions,
        long duplicates,
        long poisonSkipped,
        List<PartitionProgress> progress,
        String detail) {

    public record PartitionProgress(String topic, int partition, long position, long target) {}
}
