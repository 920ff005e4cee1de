package io.tracker.system;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Independent measurements of where the events of a scenario are: stored (the command service's
 * {@code es_events}, JDBC), published (the topic, read from the beginning with a plain consumer), projected
 * (what the projection answers over REST, and its {@code fact} rows). Every scenario's streams share a prefix,
 * so scenarios on one system do not count each other's events.
 */
public final class Ledger {
    static final String NEGOTIATION_TOPIC = "tracker.negotiation.events";
    static final String INVESTMENT_TOPIC = "tracker.investment.events";
    static final String DLQ_TOPIC = "tracker.projection.dlq";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ledger() {}

    /** A row of {@code es_events}. */
    record StoredEvent(String streamId, long version, UUID eventId) {}

    /** A record on a topic: its coordinates, key, headers (last value of each) and value. */
    record TopicRecord(
            String topic, int partition, long offset, String key, Map<String, String> headers, byte[] value) {
        String header(String name) {
            return headers.get(name);
        }

        String valueText() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    /** The records of a topic whose events belong to the scenario: how many, and how many distinct ce_id. */
    record Published(int records, Set<UUID> distinct) {
        int duplicates() {
            return records - distinct.size();
        }
    }

    /** What the projection answers: event id → how often it appears (more than once is a duplicate). */
    record Projected(Map<UUID, Integer> occurrences, int factRows, int distinctFactIds) {
        Set<UUID> ids() {
            return occurrences.keySet();
        }

        int duplicated() {
            int d = 0;
            for (int n : occurrences.values()) {
                d += n - 1;
            }
            return d + (factRows - distinctFactIds);
        }
    }

    static Connection connect(SystemUnderTest sut, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "postgres");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(sut.jdbcUrl(database), p);
    }

    static List<StoredEvent> stored(SystemUnderTest sut, String database, String prefix) {
        try (Connection c = connect(sut, database);
                PreparedStatement s = c.prepareStatement(
                        "select stream_id, version, event_id from es_events where stream_id like ? order by global_position")) {
            s.setString(1, prefix + "%");
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read es_events of " + database + ": " + e.getMessage(), e);
        }
    }

    static long queryLong(SystemUnderTest sut, String database, String sql) {
        try (Connection c = connect(sut, database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Events the relay has not published yet: those after its checkpoint in commit order. */
    static long unpublished(SystemUnderTest sut, String database) {
        return queryLong(
                sut,
                database,
                "select count(*) from es_publication p join es_events e"
                        + " on (e.transaction_id, e.global_position) > (p.transaction_id, p.global_position)");
    }

    /**
     * Consistency of the event store, whatever happened: the relay's checkpoint names an event that exists (or
     * the start of the log); every stream's version
     * is its last event's version and its events are numbered 1..version without a gap; every idempotency key
     * points at events that exist. Returns the problems found (empty: nothing half-written).
     */
    static List<String> halfWritten(SystemUnderTest sut, String database) {
        Map<String, String> checks = new java.util.LinkedHashMap<>();
        checks.put(
                "relay checkpoints naming no event",
                "select count(*) from es_publication p where p.global_position <> 0 and not exists (select 1 from es_events e"
                        + " where e.global_position = p.global_position and e.transaction_id = p.transaction_id)");
        checks.put(
                "streams whose version is not their last event's",
                "select count(*) from es_streams s where s.version <> (select coalesce(max(e.version), 0) from es_events e"
                        + " where e.stream_id = s.stream_id)");
        checks.put(
                "streams with a gap in their versions",
                "select count(*) from (select stream_id from es_events group by stream_id"
                        + " having count(*) <> max(version) or min(version) <> 1) g");
        checks.put(
                "events of no stream",
                "select count(*) from es_events e left join es_streams s using (stream_id) where s.stream_id is null");
        checks.put(
                "idempotency keys without their events",
                "select count(*) from es_idempotency i where (select count(*) from es_events e where e.stream_id = i.stream_id"
                        + " and e.version between i.first_version and i.last_version) <> i.last_version - i.first_version + 1");
        List<String> problems = new ArrayList<>();
        checks.forEach((what, sql) -> {
            long n = queryLong(sut, database, sql);
            if (n != 0) {
                problems.add(database + ": " + n + " " + what);
            }
        });
        return problems;
    }

    /** Every record of a topic, from the beginning to the end offsets seen when reading started. */
    static List<TopicRecord> readTopic(SystemUnderTest sut, String topic) {
        Properties p = new Properties();
        p.putAll(sut.kafkaClientConfig());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "system-test-ledger");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        List<TopicRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header h : r.headers()) {
                            headers.put(
                                    h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                        }
                        records.add(new TopicRecord(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value()));
                    }
                }
            }
        }
        return records;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The scenario's events on a topic (by {@code ce_subject} prefix), other records left out. */
    static Published published(SystemUnderTest sut, String topic, String prefix, Predicate<TopicRecord> exclude) {
        int n = 0;
        Set<UUID> ids = new HashSet<>();
        for (TopicRecord r : readTopic(sut, topic)) {
            String subject = r.header("ce_subject");
            if (subject != null && subject.startsWith(prefix) && !exclude.test(r)) {
                n++;
                ids.add(UUID.fromString(r.header("ce_id")));
            }
        }
        return new Published(n, ids);
    }

    /** Event ids the projection database holds as facts of the active generation, for streams with the prefix. */
    static Map<UUID, Integer> factRows(SystemUnderTest sut, String prefix) {
        try (Connection c = connect(sut, "projection");
                PreparedStatement s =
                        c.prepareStatement("select event_id from fact where stream_id like ? and generation ="
                                + " (select generation from projection_generation where state = 'ACTIVE')")) {
            s.setString(1, prefix + "%");
            Map<UUID, Integer> ids = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.merge(rs.getObject(1, UUID.class), 1, Integer::sum);
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the projection's facts: " + e.getMessage(), e);
        }
    }

    /**
     * What the projection answers for these negotiations: the timeline of each (REST, as an analyst), every
     * entry's event id counted; plus the fact rows of every stream of the scenario (investments have no
     * timeline of their own: their fact rows count).
     */
    static Projected projected(
            SystemUnderTest sut, Collection<String> negotiations, String prefix, Collection<UUID> investmentEvents) {
        Map<UUID, Integer> occurrences = new HashMap<>();
        for (String id : negotiations) {
            var r = sut.get("projection-service", "/agreements/" + id + "/timeline", sut.analystToken);
            if (r.statusCode() == 404) {
                continue; // nothing of it projected: its events count as lost
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("timeline of " + id + ": " + r.statusCode() + " " + r.body());
            }
            try {
                for (JsonNode entry : JSON.readTree(r.body()).path("entries")) {
                    occurrences.merge(UUID.fromString(entry.path("eventId").asText()), 1, Integer::sum);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("timeline of " + id + " is not JSON: " + r.body(), e);
            }
        }
        Map<UUID, Integer> facts = factRows(sut, prefix);
        for (UUID investmentEvent : investmentEvents) {
            Integer n = facts.get(investmentEvent);
            if (n != null) {
                occurrences.merge(investmentEvent, n, Integer::sum);
            }
        }
        int rows = facts.values().stream().mapToInt(Integer::intValue).sum();
        return new Projected(occurrences, rows, facts.size());
    }

    /**
     * The value of a Prometheus sample of {@code /q/metrics}, e.g. {@code projection_dead_letters_total{reason="NOT_JSON"}};
     * 0 when the service has no such sample.
     */
    static double metric(SystemUnderTest sut, String service, String name, String labelFilter) {
        var r = sut.get(service, "/q/metrics", null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(service + " /q/metrics: " + r.statusCode());
        }
        double v = sample(r.body(), name, labelFilter);
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * The sum of the samples of {@code name} in a Prometheus text (those whose labels contain {@code labelFilter},
     * if one is given), or NaN when it has none: the caller can tell a metric at 0 from one the service does not
     * expose. Public: the benchmark reads the projection's counters per phase with it.
     */
    public static double sample(String metrics, String name, String labelFilter) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!(rest.startsWith("{") || rest.startsWith(" "))) {
                continue; // another metric whose name starts with this one
            }
            if (labelFilter != null && !rest.contains(labelFilter)) {
                continue;
            }
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            found = true;
        }
        return found ? sum : Double.NaN;
    }
}
