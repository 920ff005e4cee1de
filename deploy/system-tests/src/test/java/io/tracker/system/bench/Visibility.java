package io.tracker.system.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import io.tracker.system.bench.LoadGenerator.Accepted;

/**
 * Command → visible-in-projection latency, three ways.
 * <ol>
 * <li><b>Every accepted command</b>, after the phase, from the projection's own records: each applied event is
 * a {@code fact} row; the commit time of the transaction that inserted it ({@code pg_xact_commit_timestamp(xmin)},
 * the benchmark's PostgreSQL runs with {@code track_commit_timestamp=on}) is when a reader could first see it, in
 * the database server's clock, the same clock as this JVM's on one machine. Latency = that commit − the time the
 * command was due. Nothing is added to the system while it runs (the query comes after the phase). Where that
 * time goes (command commit, publication, projection commit): {@link VisibleStages}.</li>
 * <li><b>A sample, end to end as an analyst sees it</b>: SSE subscriptions ({@code /agreements/{id}/status/stream})
 * to a set of watched negotiations; a command on one of them is visible when an SSE event arrives whose
 * {@code basis.lastVersion} reaches the command's version. This includes the apply commit, the NOTIFY, the
 * status recomputation and the push; its overhead is one status query per change of a watched negotiation.</li>
 * <li><b>A sample, by a polling reader</b> ({@link Poller}): for a share of the accepted commands on watched
 * negotiations, {@code GET /agreements/{id}} every {@value Poller#EVERY_MILLIS} ms from the answer on, until its
 * {@code basis.lastVersion} reaches the command's version (so up to that interval late).</li>
 * </ol>
 */
final class Visibility {
    private static final Pattern LAST_VERSION = Pattern.compile("\"lastVersion\"\\s*:\\s*(\\d+)");
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    /**
     * What a measurement found: all, and by window of the phase; {@code lastVisibleWallMicros}: when the last of the
     * commands became visible (0 if none).
     */
    record Result(Histogram latency, long measured, long missing, Histogram[] byWindow, long lastVisibleWallMicros) {
        /** p99 (ms) of each window; NaN for an empty one. */
        List<Double> windowP99Ms() {
            List<Double> v = new ArrayList<>();
            for (Histogram h : byWindow) {
                v.add(h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
            }
            return v;
        }
    }

    static Histogram[] histograms(int n) {
        Histogram[] h = new Histogram[n];
        for (int i = 0; i < n; i++) {
            h[i] = new Histogram(HIGHEST_MICROS, 3);
        }
        return h;
    }

    private static void record(Histogram all, Histogram[] byWindow, int window, long micros) {
        long v = Math.max(1, Math.min(HIGHEST_MICROS, micros));
        all.recordValue(v);
        if (window >= 0 && window < byWindow.length) {
            byWindow[window].recordValue(v);
        }
    }

    private final BenchSystem system;

    Visibility(BenchSystem system) {
        this.system = system;
    }

    /**
     * Waits (up to {@code maxWait}) until every accepted command's event is in the projection; then the histogram.
     * Where each command's fact was found (its commit and source record) goes into {@code applied}.
     */
    Result fromFacts(
            List<Accepted> accepted, Duration maxWait, Windows windows, Map<Accepted, VisibleStages.Applied> applied)
            throws SQLException {
        Histogram h = new Histogram(HIGHEST_MICROS, 3);
        Histogram[] byWindow = histograms(windows.count());
        long last = 0;
        List<Accepted> todo = new ArrayList<>(accepted);
        todo.removeIf(a -> a.version() < 1);
        long deadline = System.nanoTime() + maxWait.toNanos();
        try (Connection c = system.jdbc("projection")) {
            while (!todo.isEmpty()) {
                List<Accepted> notYet = new ArrayList<>();
                for (int from = 0; from < todo.size(); from += 5000) {
                    List<Accepted> chunk = todo.subList(from, Math.min(todo.size(), from + 5000));
                    Map<Integer, VisibleStages.Applied> found = appliedAt(c, chunk);
                    for (int i = 0; i < chunk.size(); i++) {
                        VisibleStages.Applied f = found.get(i + 1);
                        if (f == null) {
                            notYet.add(chunk.get(i));
                        } else {
                            long at = f.atMicros();
                            record(
                                    h,
                                    byWindow,
                                    windows.index(chunk.get(i).dueNanos()),
                                    at - chunk.get(i).dueWallMicros());
                            last = Math.max(last, at);
                            applied.put(chunk.get(i), f);
                        }
                    }
                }
                todo = notYet;
                if (todo.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                BenchSystem.sleep(500);
            }
        }
        return new Result(h, h.getTotalCount(), todo.size(), byWindow, last);
    }

    private static Map<Integer, VisibleStages.Applied> appliedAt(Connection c, List<Accepted> chunk)
            throws SQLException {
        String[] types = new String[chunk.size()];
        String[] ids = new String[chunk.size()];
        Long[] versions = new Long[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            types[i] = chunk.get(i).streamType();
            ids[i] = chunk.get(i).streamId();
            versions[i] = chunk.get(i).version();
        }
        Map<Integer, VisibleStages.Applied> applied = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select x.i, (extract(epoch from pg_xact_commit_timestamp(f.xmin)) * 1000000)::bigint,
                  f.source_topic, f.source_partition, f.source_offset
                from unnest(?::text[], ?::text[], ?::bigint[]) with ordinality as x(t, s, v, i)
                join fact f on f.generation = (select generation from projection_generation where state = 'ACTIVE')
                  and f.stream_type = x.t and f.stream_id = x.s and f.stream_version = x.v
                where pg_xact_commit_timestamp(f.xmin) is not null""")) {
            Array a1 = c.createArrayOf("text", types);
            Array a2 = c.createArrayOf("text", ids);
            Array a3 = c.createArrayOf("bigint", versions);
            s.setArray(1, a1);
            s.setArray(2, a2);
            s.setArray(3, a3);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.put(
                            (int) rs.getLong(1),
                            new VisibleStages.Applied(rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
                }
            }
        }
        return applied;
    }

    /** SSE subscriptions to the watched negotiations; observations are matched to commands after a phase. */
    static final class Watchers implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        /** per negotiation: (lastVersion, arrival nanoTime) in arrival order */
        private final Map<String, List<long[]>> seen = new ConcurrentHashMap<>();

        private final List<Flow.Subscription> subscriptions = new ArrayList<>();

        Watchers(BenchSystem system, List<String> negotiations) {
            for (String id : negotiations) {
                List<long[]> list = new ArrayList<>();
                seen.put(id, list);
                HttpRequest r = HttpRequest.newBuilder(
                                URI.create(system.url("projection-service", "/agreements/" + id + "/status/stream")))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + system.analystToken)
                        .GET()
                        .build();
                http.sendAsync(r, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        synchronized (subscriptions) {
                            subscriptions.add(s);
                        }
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        long now = System.nanoTime();
                        if (line.startsWith("data:")) {
                            Matcher m = LAST_VERSION.matcher(line);
                            if (m.find()) {
                                synchronized (list) {
                                    list.add(new long[] {Long.parseLong(m.group(1)), now});
                                }
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {}

                    @Override
                    public void onComplete() {}
                }));
            }
        }

        /** How many watched streams have sent at least one status. */
        int connected() {
            return (int) seen.values().stream()
                    .filter(l -> {
                        synchronized (l) {
                            return !l.isEmpty();
                        }
                    })
                    .count();
        }

        /** The watched commands' latency: first SSE status with lastVersion ≥ the command's version − when it was due. */
        Result latency(List<Accepted> accepted, Windows windows) {
            Histogram h = new Histogram(HIGHEST_MICROS, 3);
            Histogram[] byWindow = histograms(windows.count());
            long missing = 0;
            for (Accepted a : accepted) {
                List<long[]> list = seen.get(a.streamId());
                if (list == null || a.version() < 1) {
                    continue;
                }
                Long at = null;
                synchronized (list) {
                    for (long[] o : list) {
                        if (o[0] >= a.version() && o[1] >= a.dueNanos()) {
                            at = o[1];
                            break;
                        }
                    }
                }
                if (at == null) {
                    missing++;
                } else {
                    record(h, byWindow, windows.index(a.dueNanos()), (at - a.dueNanos()) / 1000);
                }
            }
            return new Result(h, h.getTotalCount(), missing, byWindow, 0);
        }

        @Override
        public void close() {
            synchronized (subscriptions) {
                subscriptions.forEach(Flow.Subscription::cancel);
            }
        }
    }

    /**
     * The polling reader: for each command given to {@link #start}, {@code GET /agreements/{id}} at once and then
     * every {@value #EVERY_MILLIS} ms until {@code basis.lastVersion} reaches its version (at most 60 s).
     */
    static final class Poller {
        static final long EVERY_MILLIS = 20;
        private final LoadGenerator http;
        private final Map<Accepted, Long> seenAt = new ConcurrentHashMap<>();
        private final Map<Accepted, Boolean> started = new ConcurrentHashMap<>();

        Poller(LoadGenerator http) {
            this.http = http;
        }

        void start(Accepted a) {
            if (a.version() < 1 || started.putIfAbsent(a, Boolean.TRUE) != null) {
                return;
            }
            poll(a, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
        }

        private void poll(Accepted a, long deadline) {
            http.get("projection-service", "/agreements/" + a.streamId()).whenComplete((r, e) -> {
                long now = System.nanoTime();
                if (e == null && r.status() == 200) {
                    Matcher m = LAST_VERSION.matcher(r.body());
                    if (m.find() && Long.parseLong(m.group(1)) >= a.version()) {
                        seenAt.put(a, now);
                        return;
                    }
                }
                if (now < deadline) {
                    http.later(EVERY_MILLIS, () -> poll(a, deadline));
                }
            });
        }

        /** Waits until every started poll of these commands has seen its version (or {@code max} passed). */
        Result latency(List<Accepted> accepted, Windows windows, Duration max) {
            List<Accepted> mine = accepted.stream().filter(started::containsKey).toList();
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline && !mine.stream().allMatch(seenAt::containsKey)) {
                BenchSystem.sleep(50);
            }
            Histogram h = new Histogram(HIGHEST_MICROS, 3);
            Histogram[] byWindow = histograms(windows.count());
            long missing = 0;
            for (Accepted a : mine) {
                Long at = seenAt.get(a);
                if (at == null) {
                    missing++;
                } else {
                    record(h, byWindow, windows.index(a.dueNanos()), (at - a.dueNanos()) / 1000);
                }
            }
            return new Result(h, h.getTotalCount(), missing, byWindow, 0);
        }
    }
}
