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
 * Command → visible-in-projection latency, two ways.
 * <ol>
 * <li><b>Every accepted command</b>, after the phase, from the projection's own records: each applied event is
 * a {@code fact} row with {@code applied_at} (the {@code now()} of the apply transaction, i.e. its start, in
 * the database server's clock, the same clock as this JVM's on one machine). Latency = applied_at − the time
 * the command was due. Nothing is added to the system while it runs (the query comes after the phase), but it
 * stops at the start of the apply transaction, so it misses that transaction's own duration.</li>
 * <li><b>A sample, end to end as an analyst sees it</b>: SSE subscriptions ({@code /agreements/{id}/status/stream})
 * to a set of watched negotiations; a command on one of them is visible when an SSE event arrives whose
 * {@code basis.lastVersion} reaches the command's version. This includes the apply commit, the NOTIFY, the
 * status recomputation and the push; its overhead is one status query per change of a watched negotiation.</li>
 * </ol>
 */
final class Visibility {
    private static final Pattern LAST_VERSION = Pattern.compile("\"lastVersion\"\\s*:\\s*(\\d+)");
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** What a measurement found. */
    record Result(Histogram latency, long measured, long missing) {
    }

    private final BenchSystem system;

    Visibility(BenchSystem system) {
        this.system = system;
    }

    /** Waits (up to {@code maxWait}) until every accepted command's event is in the projection; then the histogram. */
    Result fromFacts(List<Accepted> accepted, Duration maxWait) throws SQLException {
        Histogram h = new Histogram(HIGHEST_MICROS, 3);
        List<Accepted> todo = new ArrayList<>(accepted);
        todo.removeIf(a -> a.version() < 1);
        long deadline = System.nanoTime() + maxWait.toNanos();
        try (Connection c = system.jdbc("projection")) {
            while (!todo.isEmpty()) {
                List<Accepted> notYet = new ArrayList<>();
                for (int from = 0; from < todo.size(); from += 5000) {
                    List<Accepted> chunk = todo.subList(from, Math.min(todo.size(), from + 5000));
                    Map<Integer, Long> applied = appliedAt(c, chunk);
                    for (int i = 0; i < chunk.size(); i++) {
                        Long at = applied.get(i + 1);
                        if (at == null) {
                            notYet.add(chunk.get(i));
                        } else {
                            h.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, at - chunk.get(i).dueWallMicros())));
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
        return new Result(h, h.getTotalCount(), todo.size());
    }

    private static Map<Integer, Long> appliedAt(Connection c, List<Accepted> chunk) throws SQLException {
        String[] types = new String[chunk.size()];
        String[] ids = new String[chunk.size()];
        Long[] versions = new Long[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            types[i] = chunk.get(i).streamType();
            ids[i] = chunk.get(i).streamId();
            versions[i] = chunk.get(i).version();
        }
        Map<Integer, Long> applied = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                select x.i, (extract(epoch from f.applied_at) * 1000000)::bigint
                from unnest(?::text[], ?::text[], ?::bigint[]) with ordinality as x(t, s, v, i)
                join fact f on f.generation = (select generation from projection_generation where state = 'ACTIVE')
                  and f.stream_type = x.t and f.stream_id = x.s and f.stream_version = x.v""")) {
            Array a1 = c.createArrayOf("text", types);
            Array a2 = c.createArrayOf("text", ids);
            Array a3 = c.createArrayOf("bigint", versions);
            s.setArray(1, a1);
            s.setArray(2, a2);
            s.setArray(3, a3);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.put((int) rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return applied;
    }

    /** SSE subscriptions to the watched negotiations; observations are matched to commands after a phase. */
    static final class Watchers implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        /** per negotiation: (lastVersion, arrival nanoTime) in arrival order */
        private final Map<String, List<long[]>> seen = new ConcurrentHashMap<>();
        private final List<Flow.Subscription> subscriptions = new ArrayList<>();

        Watchers(BenchSystem system, List<String> negotiations) {
            for (String id : negotiations) {
                List<long[]> list = new ArrayList<>();
                seen.put(id, list);
                HttpRequest r = HttpRequest.newBuilder(URI.create(system.url("projection-service",
                        "/agreements/" + id + "/status/stream"))).header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + system.analystToken).GET().build();
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
                                    list.add(new long[] { Long.parseLong(m.group(1)), now });
                                }
                            }
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onComplete() {
                    }
                }));
            }
        }

        /** How many watched streams have sent at least one status. */
        int connected() {
            return (int) seen.values().stream().filter(l -> {
                synchronized (l) {
                    return !l.isEmpty();
                }
            }).count();
        }

        /** The watched commands' latency: first SSE status with lastVersion ≥ the command's version − when it was due. */
        Result latency(List<Accepted> accepted) {
            Histogram h = new Histogram(HIGHEST_MICROS, 3);
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
                    h.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, (at - a.dueNanos()) / 1000)));
                }
            }
            return new Result(h, h.getTotalCount(), missing);
        }

        @Override
        public void close() {
            synchronized (subscriptions) {
                subscriptions.forEach(Flow.Subscription::cancel);
            }
        }
    }
}
