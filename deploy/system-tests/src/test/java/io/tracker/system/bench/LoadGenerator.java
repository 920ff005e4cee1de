package io.tracker.system.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.tracker.system.bench.BenchWorkload.Cmd;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Sends commands over HTTP/1.1 and records their latency in HDR histograms (microseconds).
 * <p>
 * The client is Vert.x core's asynchronous {@link HttpClient} (Netty underneath): one {@link Vertx} instance with a
 * single event loop, and per service a pool of up to {@value #POOL_SIZE} keep-alive HTTP/1.1 connections with an
 * unbounded wait queue (set in the constructor; the phases themselves bound what is in flight: 64 clients in the
 * closed loop by default, at most 1024 commands in the open loop). It replaced {@code java.net.http.HttpClient}
 * because of CPU per request: this JVM runs on the same 2-core machine as the system it measures, and every cycle
 * it spends sending is taken from the services, Kafka and PostgreSQL. With {@code java.net.http} the load generator
 * used about a third of a core at under 500 commands/s (~0.7 ms of CPU per request); against a stub server at
 * 500 requests/s, JIT-warm, {@code java.net.http} took ~0.55 ms and this client ~0.12 ms per request. Netty's code
 * is compiled by the JIT during the first few thousand requests, so a short run still shows more.
 * A command that gets no connection within 60 s, or no answer for 60 s once sent, fails with a
 * {@link TimeoutException} (outcome {@code io-error NoStackTraceTimeoutException}), like the old client's 60 s
 * request timeout. The other HTTP uses of the benchmark (SSE watchers, rebuild and health calls) are not on the
 * load path and stay on {@code java.net.http}.
 * <ul>
 * <li>{@link #openLoop}: a fixed rate. Command i is due at {@code start + i/rate}; it is sent then (or as soon
 * as possible after, if the generator or the in-flight cap held it up) and its latency is measured from the
 * time it was <em>due</em>, not from when it was actually sent: a stall of the system delays every command due
 * during it, and each of them shows it (no coordinated omission).</li>
 * <li>{@link #closedLoop}: N clients, each sending its next command when the previous one is answered: the
 * throughput at saturation. Its latencies are service times under that concurrency (a closed loop cannot
 * show queueing delay a real arrival process would see).</li>
 * </ul>
 */
final class LoadGenerator implements AutoCloseable {
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);
    /** keep-alive HTTP/1.1 connections per service (requests beyond it wait in the pool's queue) */
    static final int POOL_SIZE = 256;

    private static final long REQUEST_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    /** The answer to a command: its status, body and {@code ETag} header ({@code null} if none). */
    record Reply(int status, String body, String etag) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** An accepted command: its stream and new version, and when it was due (for visibility in the projection). */
    record Accepted(
            String streamType,
            String streamId,
            long version,
            long dueNanos,
            long dueWallMicros,
            long answeredNanos,
            boolean watched) {}

    /** What one phase measured. */
    static final class PhaseResult {
        final String name;
        final String mode;
        final double targetRate;
        final int clients;
        final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final Map<String, Histogram> latencyByService = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLongArray okPerSecond;
        final AtomicLong maxInFlight = new AtomicLong();
        double seconds;
        long sent;
        long lateSends; // open loop: commands sent more than 1 ms after they were due
        final Map<String, AtomicLong> okByService = new ConcurrentHashMap<>();
        /** open loop: the generator gave up (the system fell too far behind the schedule) after this many seconds */
        double abandonedAfterSeconds = Double.NaN;
        /** latency by bearer token (index into BenchSystem.recorderTokens) */
        final Map<Integer, Histogram> latencyByToken = new ConcurrentHashMap<>();
        /** the second sending of a command with an Idempotency-Key: its outcome, and whether it answered the same version */
        final Map<String, AtomicLong> retryOutcomes = new ConcurrentHashMap<>();

        final AtomicLong retriesSameVersion = new AtomicLong();
        final AtomicLong retriesOtherVersion = new AtomicLong();
        final AtomicLong withIfMatch = new AtomicLong();
        final AtomicLong withKey = new AtomicLong();
        /** the phase's windows (set when it starts), and per window: latency and commands accepted */
        volatile Windows windows;

        final Histogram[] windowLatency;
        final AtomicLongArray windowOk;

        PhaseResult(String name, String mode, double targetRate, int clients, Duration duration, int windowCount) {
            this.name = name;
            this.mode = mode;
            this.targetRate = targetRate;
            this.clients = clients;
            this.okPerSecond = new AtomicLongArray((int) duration.toSeconds() + 2);
            this.windowLatency = new Histogram[windowCount];
            for (int i = 0; i < windowCount; i++) {
                windowLatency[i] = new ConcurrentHistogram(HIGHEST_MICROS, 3);
            }
            this.windowOk = new AtomicLongArray(windowCount);
        }

        /** Accepted commands per second in each window. */
        List<Double> windowThroughput() {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < windowOk.length(); i++) {
                v.add(windowOk.get(i) / windows.windowSeconds());
            }
            return v;
        }

        /** The command p99 (ms) of each window; NaN for a window without answers. */
        List<Double> windowP99Ms() {
            List<Double> v = new ArrayList<>();
            for (Histogram h : windowLatency) {
                v.add(h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
            }
            return v;
        }

        double throughput() {
            return ok.get() / seconds;
        }

        /** Accepted commands per second over whole seconds of the phase: min, median, max. */
        long[] perSecondSpread() {
            int n = (int) Math.floor(seconds);
            List<Long> v = new ArrayList<>();
            for (int i = 0; i < n && i < okPerSecond.length(); i++) {
                v.add(okPerSecond.get(i));
            }
            if (v.isEmpty()) {
                return new long[] {0, 0, 0};
            }
            Collections.sort(v);
            return new long[] {v.get(0), v.get(v.size() / 2), v.get(v.size() - 1)};
        }

        Map<String, Long> outcomeCounts() {
            Map<String, Long> m = new TreeMap<>();
            outcomes.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }
    }

    private final BenchSystem system;
    /** runs the closed loop's clients (a client continues here after each answer, never inline in its completion) */
    private final ExecutorService executor;

    private final Vertx vertx;
    private final HttpClient http;
    /** the event-loop context every exchange runs on */
    private final Context context;

    private final List<String> authorizations;
    /** called for every accepted command (on the client's event loop: keep it short) */
    private volatile java.util.function.Consumer<Accepted> onAccepted = a -> {};

    LoadGenerator(BenchSystem system) {
        this.system = system;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "load-loop");
            t.setDaemon(true);
            return t;
        });
        // one event loop does all the I/O; no worker threads are used
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.http = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1)
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(5000)
                        .setKeepAliveTimeout(60))
                .with(new PoolOptions().setHttp1MaxSize(POOL_SIZE).setMaxWaitQueueSize(-1))
                .build();
        this.context = vertx.getOrCreateContext();
        this.authorizations =
                system.recorderTokens.stream().map(t -> "Bearer " + t).toList();
    }

    void onAccepted(java.util.function.Consumer<Accepted> listener) {
        onAccepted = listener;
    }

    /** A GET to a service with the analyst's token: status and body (the polling reader). */
    CompletableFuture<Reply> get(String service, String uri) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost("127.0.0.1")
                .setPort(system.ports.get(service))
                .setURI(uri)
                .setConnectTimeout(REQUEST_TIMEOUT_MILLIS)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add(HttpHeaders.AUTHORIZATION, "Bearer " + system.analystToken));
        context.runOnContext(v -> http.request(options)
                .compose(request -> request.send().compose(response -> response.body()
                        .map(b ->
                                new Reply(response.statusCode(), b.toString(), response.getHeader(HttpHeaders.ETAG)))))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        reply.complete(ar.result());
                    } else {
                        reply.completeExceptionally(ar.cause());
                    }
                }));
        return reply;
    }

    /** Runs {@code r} on the client's event loop after {@code millis}. */
    void later(long millis, Runnable r) {
        vertx.setTimer(Math.max(1, millis), id -> r.run());
    }

    /**
     * Sends a command; the future completes (on the event loop) with its reply, or exceptionally with an I/O error or
     * a {@link TimeoutException} after 60 s without a connection or without an answer.
     * <p>
     * The whole exchange is set up on the client's event-loop context, with the response's body handler attached
     * inside the completion of {@code send}: attached from the calling thread, it could come after the response had
     * already ended, and that body future would never complete (a command lost, not failed).
     */
    CompletableFuture<Reply> send(Cmd c) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(system.ports.get(c.service()))
                .setURI(c.path())
                .setConnectTimeout(REQUEST_TIMEOUT_MILLIS)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .setHeaders(headers(c));
        Buffer body = Buffer.buffer(c.body());
        context.runOnContext(v -> http.request(options)
                .compose(request -> request.send(body).compose(response -> response.body()
                        .map(b ->
                                new Reply(response.statusCode(), b.toString(), response.getHeader(HttpHeaders.ETAG)))))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        reply.complete(ar.result());
                    } else {
                        reply.completeExceptionally(ar.cause());
                    }
                }));
        return reply;
    }

    private MultiMap headers(Cmd c) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, "application/json")
                .add(HttpHeaders.AUTHORIZATION, authorizations.get(c.token() % authorizations.size()));
        if (c.idempotencyKey() != null) {
            h.add("Idempotency-Key", c.idempotencyKey());
        }
        if (c.ifMatch() != null) {
            h.add(HttpHeaders.IF_MATCH, "\"" + c.ifMatch() + "\"");
        }
        return h;
    }

    /**
     * Sends a command of a phase; a command marked {@code retry} is sent a second time once its first answer
     * came (same Idempotency-Key, same body), and that second answer is counted apart: the first answer is the
     * command's. The phase ends when both are answered.
     */
    private CompletableFuture<Reply> sendInPhase(PhaseResult result, Cmd c) {
        if (c.idempotencyKey() != null) {
            result.withKey.incrementAndGet();
        }
        if (c.ifMatch() != null) {
            result.withIfMatch.incrementAndGet();
        }
        CompletableFuture<Reply> first = send(c);
        if (!c.retry()) {
            return first;
        }
        return first.thenCompose(r1 -> send(c).handle((r2, e) -> {
            String outcome = e != null
                    ? "io-error " + e.getClass().getSimpleName()
                    : r2.ok() ? Integer.toString(r2.status()) : r2.status() + " " + problemCode(r2.body());
            result.retryOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
            if (e == null && r1.ok() && r2.ok()) {
                (java.util.Objects.equals(r1.etag(), r2.etag())
                                ? result.retriesSameVersion
                                : result.retriesOtherVersion)
                        .incrementAndGet();
            }
            return r1;
        }));
    }

    /**
     * Open loop at {@code rate} commands/s for {@code duration}; at most {@code maxInFlight} outstanding (a command
     * due while the cap is reached waits for a slot, and its latency still counts from when it was due).
     */
    PhaseResult openLoop(
            String name,
            double rate,
            Duration duration,
            int windowCount,
            int maxInFlight,
            Duration maxBehind,
            Supplier<Cmd> next,
            java.util.function.BiConsumer<Cmd, Reply> onDone) {
        PhaseResult result = new PhaseResult(name, "open loop (fixed rate)", rate, maxInFlight, duration, windowCount);
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong outstanding = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long wallStartMicros = wallMicros() + 5_000;
        long end = start + duration.toNanos();
        result.windows = new Windows(start, duration.toNanos() / windowCount, windowCount);
        double interval = 1e9 / rate;
        long i = 0;
        while (true) {
            long due = start + (long) (i * interval);
            if (due >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            inFlight.acquireUninterruptibly();
            long behind = System.nanoTime() - due;
            if (behind > 1_000_000) {
                result.lateSends++;
            }
            if (behind > maxBehind.toNanos()) {
                // the system cannot keep this rate: stop rather than queue without end
                inFlight.release();
                result.abandonedAfterSeconds = (due - start) / 1e9;
                break;
            }
            Cmd c = next.get();
            long o = outstanding.incrementAndGet();
            result.maxInFlight.accumulateAndGet(o, Math::max);
            long dueWall = wallStartMicros + (due - start) / 1000;
            sendInPhase(result, c).whenComplete((response, error) -> {
                outstanding.decrementAndGet();
                try {
                    record(result, c, due, dueWall, start, response, error, onDone);
                } finally {
                    // after recording: once every slot is back (awaitDrain), the result is complete
                    inFlight.release();
                }
            });
            i++;
        }
        result.sent = i;
        awaitDrain(inFlight, maxInFlight);
        // over the time it took to get every answer: a system that falls behind answers the last commands after
        // the schedule ended, and its rate is what it answered per second, not what was asked of it
        result.seconds = Math.max(
                Double.isNaN(result.abandonedAfterSeconds) ? duration.toNanos() / 1e9 : 1,
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    /** Closed loop: {@code clients} clients, client k sends {@code next.apply(k)} as soon as its previous command is answered. */
    PhaseResult closedLoop(
            String name,
            int clients,
            Duration duration,
            int windowCount,
            IntFunction<Cmd> next,
            java.util.function.BiConsumer<Cmd, Reply> onDone) {
        PhaseResult result = new PhaseResult(name, "closed loop", 0, clients, duration, windowCount);
        long start = System.nanoTime();
        long wallStartMicros = wallMicros();
        long end = start + duration.toNanos();
        result.windows = new Windows(start, duration.toNanos() / windowCount, windowCount);
        CountDownLatch done = new CountDownLatch(clients);
        AtomicLong sent = new AtomicLong();
        for (int k = 0; k < clients; k++) {
            int client = k;
            executor.execute(() -> loop(result, client, start, wallStartMicros, end, next, onDone, done, sent));
        }
        try {
            if (!done.await(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": clients did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        result.sent = sent.get();
        result.seconds = duration.toNanos() / 1e9;
        return result;
    }

    private void loop(
            PhaseResult result,
            int client,
            long start,
            long wallStartMicros,
            long end,
            IntFunction<Cmd> next,
            java.util.function.BiConsumer<Cmd, Reply> onDone,
            CountDownLatch done,
            AtomicLong sent) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
            done.countDown();
            return;
        }
        Cmd c = next.apply(client);
        sent.incrementAndGet();
        long wall = wallStartMicros + (t0 - start) / 1000;
        sendInPhase(result, c).whenComplete((response, error) -> {
            long t1 = System.nanoTime();
            if (t1 <= end) {
                record(result, c, t0, wall, start, response, error, onDone);
            } else if (onDone != null) {
                onDone.accept(c, error == null ? response : null);
            }
            // continue on the executor, never inline in a completion that may run on this thread
            executor.execute(() -> loop(result, client, start, wallStartMicros, end, next, onDone, done, sent));
        });
    }

    private void record(
            PhaseResult result,
            Cmd c,
            long due,
            long dueWall,
            long start,
            Reply response,
            Throwable error,
            java.util.function.BiConsumer<Cmd, Reply> onDone) {
        long now = System.nanoTime();
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, (now - due) / 1000));
        result.latency.recordValue(micros);
        result.latencyByService
                .computeIfAbsent(c.service(), k -> new ConcurrentHistogram(HIGHEST_MICROS, 3))
                .recordValue(micros);
        result.latencyByToken
                .computeIfAbsent(c.token(), k -> new ConcurrentHistogram(HIGHEST_MICROS, 3))
                .recordValue(micros);
        int window = result.windows == null ? -1 : result.windows.index(due);
        if (window >= 0) {
            result.windowLatency[window].recordValue(micros);
        }
        String outcome;
        if (error != null) {
            outcome = "io-error " + error.getClass().getSimpleName();
            result.failed.incrementAndGet();
        } else if (response.ok()) {
            outcome = Integer.toString(response.status());
            long version = response.etag() == null ? -1L : etag(response.etag());
            Accepted a = new Accepted(c.streamType(), c.streamId(), version, due, dueWall, now, c.watched());
            result.accepted.add(a);
            onAccepted.accept(a);
            result.ok.incrementAndGet();
            if (window >= 0) {
                result.windowOk.incrementAndGet(window);
            }
            result.okByService
                    .computeIfAbsent(c.service(), k -> new AtomicLong())
                    .incrementAndGet();
            int second = (int) ((now - start) / 1_000_000_000L);
            if (second >= 0 && second < result.okPerSecond.length()) {
                result.okPerSecond.incrementAndGet(second);
            }
        } else {
            outcome = response.status() + " " + problemCode(response.body());
            result.failed.incrementAndGet();
        }
        result.outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        if (onDone != null) {
            onDone.accept(c, error == null ? response : null);
        }
    }

    static long etag(String v) {
        try {
            return Long.parseLong(v.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String problemCode(String body) {
        if (body == null) {
            return "";
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        // a problem without a code: the last segment of its type (e.g. .../problems/version-conflict)
        m = java.util.regex.Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*?([^/\"]+)\"")
                .matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static void awaitDrain(Semaphore inFlight, int max) {
        try {
            if (!inFlight.tryAcquire(max, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("commands still outstanding 120 s after the phase");
            }
            inFlight.release(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            // one after the other: a future composed on the client's context would complete on its closed event loop
            http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // closing is best effort: the JVM ends with the test
        }
    }
}
