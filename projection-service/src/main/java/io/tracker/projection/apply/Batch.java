package io.tracker.projection.apply;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.persistence.PartitionPosition;

/** A batch read and ready to apply: its events, the positions to record, the offsets to commit after. */
record Batch(
        List<Incoming.Event> events,
        List<ApplyTracing.Trace> traces,
        List<PartitionPosition> positions,
        Map<TopicPartition, Long> next) {}
