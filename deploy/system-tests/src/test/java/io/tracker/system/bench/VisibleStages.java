package io.tracker.system.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.tracker.system.bench.LoadGenerator.Accepted;

/**
 * Command → visible, by stage, for every accepted command whose fact the projection applied, from records the
 * system keeps anyway (read after the phase, as {@link Visibility#fromFacts} is): <b>commandCommit</b> = the commit
 * of the command service's transaction that appended the event ({@code pg_xact_commit_timestamp(xmin)} of its
 * {@code es_events} row, database negotiation or investment) − when the command was due; <b>published</b> = the
 * Kafka record's timestamp (CreateTime: set by the relay's producer at {@code send}, whole milliseconds) − that
 * commit; <b>projectionCommit</b> = the commit of the projection's transaction that inserted the fact − the record's
 * timestamp. The three add up to {@code commandToProjection_factAppliedAt} for each command. A record timestamp is
 * the millisecond it was sent in, floored: {@code published} reads up to 1 ms short and {@code projectionCommit} up
 * to 1 ms long; a stage below zero is recorded as 0 and counted ({@code negative}).
 */
final class VisibleStages {
    static final List<String> STAGES = List.of("commandCommit", "published", "projectionCommit");
    static final List<String> HEADER = List.of(
            "phase",
            "commands measured",
            "due → command commit p50 / p99 / max ms",
            "→ published (Kafka timestamp) p50 / p99 / max ms",
            "→ projection commit p50 / p99 / max ms");
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int CHUNK = 5000;
    /** More offsets than this in one partition's range are not read (a phase has at most ~60k commands). */
    private static final long MAX_SPAN = 2_000_000;

    /** Where the projection found a command's event: the fact's commit (µs) and the record it was applied from. */
    record Applied(long atMicros, String topic, int partition, long offset) {}

    /**
     * One command's moments in µs of the one clock (0 = not known): due, the command's commit, the record's
     * timestamp, the projection's commit.
     */
    record Moments(long due, long committed, long published, long applied) {
        /** The three stages in µs; {@code Long.MIN_VALUE} where one of its two moments is not known. */
        long[] stages() {
            return new long[] {between(due, committed), between(committed, published), between(published, applied)};
        }

        private static long between(long from, long to) {
            return from == 0 || to == 0 ? Long.MIN_VALUE : to - from;
        }
    }

    private final Histogram[] all = new Histogram[STAGES.size()];
    private final Histogram[][] byWindow;
    private final long[] missing = new long[STAGES.size()];
    private final long[] negative = new long[STAGES.size()];
    private final Map<String, Long> timestampTypes = new TreeMap<>();
    private double lookupSeconds = Double.NaN;

    VisibleStages(int windows) {
        byWindow = new Histogram[STAGES.size()][];
        for (int s = 0; s < STAGES.size(); s++) {
            all[s] = new Histogram(HIGHEST_MICROS, 3);
            byWindow[s] = Visibility.histograms(windows);
        }
    }

    /** Records one command's stages in its window ({@code -1}: none). */
    void record(int window, Moments m) {
        long[] st = m.stages();
        for (int s = 0; s < st.length; s++) {
            if (st[s] == Long.MIN_VALUE) {
                missing[s]++;
                continue;
            }
            if (st[s] < 0) {
                negative[s]++;
            }
            long v = Math.max(1, Math.min(HIGHEST_MICROS, st[s]));
            all[s].recordValue(v);
            if (window >= 0 && window < byWindow[s].length) {
                byWindow[s][window].recordValue(v);
            }
        }
    }

    Histogram stage(String name) {
        return all[STAGES.indexOf(name)];
    }

    /** Each stage's p99 (ms) over the windows. */
    Map<String, Spread> p99ByWindow() {
        Map<String, Spread> m = new LinkedHashMap<>();
        for (int s = 0; s < STAGES.size(); s++) {
            List<Double> v = new ArrayList<>();
            for (Histogram h : byWindow[s]) {
                v.add(h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
            }
            m.put(STAGES.get(s), Spread.of(v));
        }
        return m;
    }

    /** The phase's {@code visibleStages}: a percentile map per stage, what was missing or negative, the cost. */
    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        Map<String, Long> miss = new LinkedHashMap<>();
        Map<String, Long> neg = new LinkedHashMap<>();
        for (int s = 0; s < STAGES.size(); s++) {
            j.put(STAGES.get(s), BenchReport.percentileMap(all[s]));
            miss.put(STAGES.get(s), missing[s]);
            neg.put(STAGES.get(s), negative[s]);
        }
        j.put("missing", miss);
        j.put("negative", neg);
        j.put("recordTimestampTypes", timestampTypes);
        j.put("lookupSeconds", Spread.num(lookupSeconds));
        return j;
    }

    /** The markdown row: commands measured, then p50 / p99 / max of each stage. */
    List<String> row(String phase) {
        List<String> r = new ArrayList<>(List.of(phase, Long.toString(all[0].getTotalCount())));
        for (Histogram h : all) {
            List<String> p = BenchReport.percentiles(h);
            r.add(p.get(0) + " / " + p.get(1) + " / " + p.get(3));
        }
        return r;
    }

    /**
     * The stages of the commands the projection applied ({@code applied}: what {@link Visibility#fromFacts} found):
     * their commits from the command services' stores, their records' timestamps from the topics.
     */
    static VisibleStages measure(
            BenchSystem sys, List<Accepted> accepted, Map<Accepted, Applied> applied, Windows windows)
            throws SQLException {
        long t0 = System.nanoTime();
        List<Accepted> found = accepted.stream().filter(applied::containsKey).toList();
        Map<Accepted, Long> committed = new HashMap<>();
        for (String type : List.of("negotiation", "investment")) {
            List<Accepted> mine =
                    found.stream().filter(a -> a.streamType().equals(type)).toList();
            if (!mine.isEmpty()) {
                try (Connection c = sys.jdbc(type)) {
                    for (int from = 0; from < mine.size(); from += CHUNK) {
                        committedAt(c, mine.subList(from, Math.min(mine.size(), from + CHUNK)), committed);
                    }
                }
            }
        }
        VisibleStages st = new VisibleStages(windows.count());
        Map<TopicPartition, long[]> times =
                st.recordTimes(sys, found.stream().map(applied::get).toList());
        for (Accepted a : found) {
            Applied f = applied.get(a);
            st.record(
                    windows.index(a.dueNanos()),
                    new Moments(
                            a.dueWallMicros(),
                            committed.getOrDefault(a, 0L),
                            timestamp(times, f) * 1000,
                            f.atMicros()));
        }
        st.lookupSeconds = (System.nanoTime() - t0) / 1e9;
        return st;
    }

    private static void committedAt(Connection c, List<Accepted> chunk, Map<Accepted, Long> out) throws SQLException {
        String[] ids = new String[chunk.size()];
        Long[] versions = new Long[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            ids[i] = chunk.get(i).streamId();
            versions[i] = chunk.get(i).version();
        }
        try (PreparedStatement s = c.prepareStatement("""
                select x.i, (extract(epoch from pg_xact_commit_timestamp(e.xmin)) * 1000000)::bigint
                from unnest(?::text[], ?::bigint[]) with ordinality as x(s, v, i)
                join es_events e on e.stream_id = x.s and e.version = x.v
                where pg_xact_commit_timestamp(e.xmin) is not null""")) {
            Array a1 = c.createArrayOf("text", ids);
            Array a2 = c.createArrayOf("bigint", versions);
            s.setArray(1, a1);
            s.setArray(2, a2);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(chunk.get((int) rs.getLong(1) - 1), rs.getLong(2));
                }
            }
        }
    }

    /** The record's timestamp (ms), 0 when it was not read. */
    static long timestamp(Map<TopicPartition, long[]> times, Applied f) {
        long[] t = times.get(new TopicPartition(f.topic(), f.partition()));
        if (t == null) {
            return 0;
        }
        long i = f.offset() - t[0];
        return i < 0 || i + 1 >= t.length ? 0 : t[(int) i + 1];
    }

    /**
     * The timestamps of the records from each partition's lowest to its highest offset needed: per partition
     * {@code [lowest offset, timestamp of lowest, ..., timestamp of highest]} (0 where not read), read with a plain
     * consumer (assign, seek, poll; no group), at most a minute.
     */
    private Map<TopicPartition, long[]> recordTimes(BenchSystem sys, List<Applied> facts) {
        Map<TopicPartition, long[]> range = new HashMap<>();
        for (Applied f : facts) {
            range.merge(new TopicPartition(f.topic(), f.partition()), new long[] {f.offset(), f.offset()}, (x, y) ->
                    new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
        }
        range.values().removeIf(r -> r[1] - r[0] >= MAX_SPAN);
        Map<TopicPartition, long[]> times = new HashMap<>();
        if (range.isEmpty()) {
            return times;
        }
        range.forEach((tp, r) -> {
            long[] t = new long[(int) (r[1] - r[0] + 2)];
            t[0] = r[0];
            times.put(tp, t);
        });
        Properties p = new Properties();
        p.putAll(sys.kafkaClientConfig());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sys.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-visible-stages");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(range.keySet());
            range.forEach((tp, r) -> c.seek(tp, r[0]));
            Map<TopicPartition, long[]> open = new HashMap<>(range);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    long[] t = times.get(tp);
                    long i = rec.offset() - t[0];
                    if (i >= 0 && i + 1 < t.length) {
                        t[(int) i + 1] = rec.timestamp();
                        timestampTypes.merge(rec.timestampType().toString(), 1L, Long::sum);
                    }
                }
                for (TopicPartition tp : List.copyOf(open.keySet())) {
                    if (c.position(tp) > open.get(tp)[1]) {
                        open.remove(tp);
                        c.pause(List.of(tp));
                    }
                }
            }
        }
        return times;
    }
}
