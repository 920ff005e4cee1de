package io.tracker.projection.persistence;

/** The next offset to apply in one partition, after a batch. */
public record PartitionPosition(String topic, int partition, long nextOffset) {}
