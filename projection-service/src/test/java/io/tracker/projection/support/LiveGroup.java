package io.tracker.projection.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.tracker.local.test.TestKafka;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The live consumer group's positions, as the tests move them: Kafka's committed offsets (reset to the beginning,
 * read) and the database's ({@code applied_position} of the ACTIVE generation: the live group's rows and those of
 * the rebuild that built it, whose greatest is where the live consumers start).
 */
public final class LiveGroup {
    public static final String GROUP = "projection-service";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACTIVE_ROWS = "generation = (select generation from projection_generation where"
            + " state = 'ACTIVE') and (group_id = '" + GROUP + "' or group_id = 'projection-service-rebuild-'"
            + " || generation::text)";

    private LiveGroup() {}

    /** Every partition of both topics: Kafka's committed offset of the (stopped) live group set to 0. */
    public static void resetKafkaOffsetsToTheBeginning() throws Exception {
        try (Admin admin = Admin.create(TestKafka.clientMap())) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (String topic : List.of(Sample.NEGOTIATION_TOPIC, Sample.INVESTMENT_TOPIC)) {
                for (TopicPartition tp : partitions(admin, topic)) {
                    zero.put(tp, new OffsetAndMetadata(0));
                }
            }
            // the group is empty once the stopped consumers have left it
            Eventually.assertThat(WAIT, () -> {
                try {
                    admin.alterConsumerGroupOffsets(GROUP, zero).all().get();
                } catch (Exception e) {
                    throw new AssertionError("offsets not reset yet: " + e, e);
                }
            });
        }
    }

    /** The topic's end offsets (the next offset of each partition). */
    public static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(TestKafka.clientMap())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartition tp : partitions(admin, topic)) {
                latest.put(tp, OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        int count = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    /** Kafka's committed offsets of the live group. */
    public static Map<TopicPartition, Long> kafkaOffsets() throws Exception {
        try (Admin admin = Admin.create(TestKafka.clientMap())) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((tp, o) -> {
                        if (o != null) {
                            offsets.put(tp, o.offset());
                        }
                    });
            return offsets;
        }
    }

    /** The database's positions of the live group (the greatest of the rows that count, per partition). */
    public static Map<TopicPartition, Long> databasePositions(Pool pool) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (Row row : pool.query("select topic, kafka_partition, max(next_offset) from applied_position where "
                        + ACTIVE_ROWS + " group by topic, kafka_partition")
                .execute()
                .await()
                .atMost(WAIT)) {
            positions.put(new TopicPartition(row.getString(0), row.getInteger(1)), row.getLong(2));
        }
        return positions;
    }

    /** Forgets the database's positions of the live group: the live consumers start every partition at its beginning. */
    public static void forgetDatabasePositions(Pool pool) {
        pool.query("delete from applied_position where " + ACTIVE_ROWS)
                .execute()
                .await()
                .atMost(WAIT);
    }

    /**
     * What a crash of PostgreSQL that lost the transactions applying a negotiation's records would leave: its facts,
     * entries and row gone from the ACTIVE generation, and the positions of its partition back at its first record
     * (Kafka's committed offsets are left where they are: ahead). Returns that first record's partition and offset.
     */
    public static TopicPartition loseTheApplyOf(Pool pool, String negotiationId) {
        return pool.withTransaction(conn -> conn.preparedQuery("select source_topic, source_partition,"
                                + " min(source_offset) from fact where stream_id = $1 and generation = (select"
                                + " generation from projection_generation where state = 'ACTIVE')"
                                + " group by source_topic, source_partition")
                        .execute(Tuple.of(negotiationId))
                        .chain(rows -> {
                            Row first = rows.iterator().next();
                            TopicPartition tp = new TopicPartition(first.getString(0), first.getInteger(1));
                            long offset = first.getLong(2);
                            String active = "generation = (select generation from projection_generation where"
                                    + " state = 'ACTIVE')";
                            return conn.preparedQuery(
                                            "delete from agreement_fact where negotiation_id = $1 and " + active)
                                    .execute(Tuple.of(negotiationId))
                                    .chain(() -> conn.preparedQuery("delete from agreement_summary where"
                                                    + " negotiation_id = $1 and " + active)
                                            .execute(Tuple.of(negotiationId)))
                                    .chain(() -> conn.preparedQuery(
                                                    "delete from fact where stream_id = $1 and " + active)
                                            .execute(Tuple.of(negotiationId)))
                                    .chain(() -> conn.preparedQuery("update applied_position set next_offset ="
                                                    + " least(next_offset, $3) where " + ACTIVE_ROWS
                                                    + " and topic = $1 and kafka_partition = $2")
                                            .execute(Tuple.of(tp.topic(), tp.partition(), offset)))
                                    .replaceWith(tp);
                        }))
                .await()
                .atMost(WAIT);
    }
}
