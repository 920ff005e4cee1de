package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f1;
import static io.tracker.system.bench.BenchReport.f2;
import static io.tracker.system.bench.BenchReport.ms;
import static io.tracker.system.bench.BenchReport.ratio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.system.bench.BenchWorkload.Cmd;
import io.tracker.system.bench.CpuAccounting.Snapshot;
import io.tracker.system.bench.LoadGenerator.Accepted;
import io.tracker.system.bench.LoadGenerator.PhaseResult;

/**
 * The pipeline benchmark (not part of the test suite; tag {@code bench}). One run, on this machine, of the whole
 * system on the embedded default (PostgreSQL 17 with {@code track_commit_timestamp=on} and Kafka from deploy/local,
 * the three services from their built jars, each a process of its own), in the profile {@code bench.run}
 * ({@link BenchProfile}: quick or full):
 * <ol>
 * <li>start-up time and resident memory of each service;</li>
 * <li>set-up: negotiations opened, investments announced (linked to them), SSE watchers; warm-up;</li>
 * <li>pgbench on the same PostgreSQL (raw, batched and es-core's statement shapes);</li>
 * <li>idle: the fixed cost with no load;</li>
 * <li>open-loop phases at fixed rates, saturation (closed loop), the concurrency and streams curves, short vs long
 * streams, a burst at twice the saturation rate; each split into windows (median, min–max);</li>
 * <li>projection rebuild from the topics;</li>
 * <li>(full) the same saturation on a PostgreSQL that is not durable (fsync and {@code synchronous_commit} off).</li>
 * </ol>
 * Results: {@code deploy/system-tests/target/bench/results.md} and {@code results.json} ({@link ResultsSchema});
 * docs/BENCHMARKS.md explains them. Run: {@code deploy/system-tests/bench.sh quick|full}.
 */
@Tag("bench")
class PipelineBenchmarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchProfile p = BenchProfile.fromSystemProperties();
    private final int clients = p.clients();
    private final double jitSettledCores = Double.parseDouble(System.getProperty("bench.jitSettledCores", "0.10"));
    private final boolean durable = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    private final boolean profile = Boolean.parseBoolean(System.getProperty("bench.profile", "false"));
    private final List<String> serviceJvmArgs = Arrays.stream(
                    System.getProperty("bench.serviceJvmArgs", "").split(" "))
            .filter(s -> !s.isBlank())
            .toList();

    /** The services' JVM options: -Dbench.serviceJvmArgs, and in profile mode a JFR recording from the start. */
    private List<String> jvmArgs() {
        List<String> args = new ArrayList<>(serviceJvmArgs);
        if (profile) {
            args.add("-XX:StartFlightRecording=name=bench,settings=profile,maxage=1h");
        }
        return args;
    }

    private BenchReport report;
    private BenchSystem sys;
    private CpuAccounting cpu;
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> rssAt = new LinkedHashMap<>();
    /** Per moment of {@link #rssAt}: each service's heap used and committed and its kept structures (HeapFigures). */
    private final Map<String, Map<String, Object>> heapAt = new LinkedHashMap<>();

    private final List<List<String>> phaseRows = new ArrayList<>();
    private final List<List<String>> e2eRows = new ArrayList<>();
    private final List<List<String>> stageRows = new ArrayList<>();
    private final List<List<String>> cpuRows = new ArrayList<>();
    private final Map<String, Object> headline = new LinkedHashMap<>();
    private final TopLevel top = new TopLevel();
    private final List<List<String>> figureRows = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    @Test
    void wholePipeline() throws Exception {
        report = new BenchReport(BenchSystem.ROOT.resolve("deploy/system-tests/target/bench"));
        report.log("benchmark: start, profile %s (results in %s): %s", p.name(), report.dir, p);
        top.profile = p.name();
        top.startedAt = java.time.Instant.now().toString();
        top.commit = commit();
        machine("start");
        awaitQuiet();
        try (BenchSystem s = new BenchSystem("run")) {
            sys = s;
            run();
        } finally {
            machineEnd();
            top.durationSeconds = (System.nanoTime() - startedNanos) / 1e9;
            report.write(top);
            report.log("benchmark: done, %s", report.dir.resolve("results.md"));
        }
    }

    private void run() throws Exception {
        sys.startPostgres(durable, profile);
        sys.startKafka();
        report.log("postgres ready in %.0f ms, kafka in %.0f ms", sys.postgresReadyMillis, sys.kafkaReadyMillis);
        databaseFacts(durable ? "durable" : "not durable");

        cpu = new CpuAccounting();
        for (String svc : BenchSystem.SERVICES) {
            cpu.add(svc, () -> sys.pid(svc));
        }
        cpu.add("kafka", sys::kafkaPid);
        cpu.add("postgres", sys::postmasterPid);
        cpu.addProcess(
                "load generator (this JVM)", () -> ProcessHandle.current().pid());

        sys.startServices(jvmArgs());
        sys.startups.forEach(st -> report.log(
                "started %s in %.0f ms (Quarkus: %ss), RSS %d MB",
                st.service(), st.readyMillis(), st.quarkusStartedSeconds(), st.rssKbAtReady() / 1024));
        sys.startups.forEach(st -> top.readyMs.putIfAbsent(st.service(), st.readyMillis()));
        rss("idle after start");
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = rssSampler(sampling);

        try (LoadGenerator load = new LoadGenerator(sys)) {
            BenchWorkload.ClientMix d = BenchWorkload.ClientMix.DEFAULT;
            BenchWorkload work = new BenchWorkload(
                    clients,
                    Long.toString(System.currentTimeMillis() % 100000, 36),
                    new BenchWorkload.ClientMix(
                            d.keyed(), d.retried(), d.ifMatch(), d.contended(), d.hotStreams(), p.tokens()));
            report.putIn("setup", "clientMix", work.mix);
            setUp(load, work);
            work.reserveLongStreams(p.longStreamsPerType());
            Visibility.Poller poller = new Visibility.Poller(load);
            load.onAccepted(a -> {
                if (a.watched()
                        && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < 0.5) {
                    poller.start(a);
                }
            });
            try (Visibility.Watchers watchers = watch(work)) {
                Measure m = new Measure(load, work, watchers, poller);
                warmUp(load, work, "durable");
                rss("after warm-up");

                pgbench(true);
                idle();

                int w = p.windows();
                for (double rate : p.rates()) {
                    double share = WarmUp.watchedShare(rate);
                    String key = Long.toString(Math.round(rate));
                    PhaseOutcome o = phase(
                            m,
                            "fixed rate " + f0(rate) + "/s",
                            () -> load.openLoop(
                                    "fixed " + f0(rate),
                                    rate,
                                    Duration.ofSeconds((long) p.rateWindowSeconds() * w),
                                    w,
                                    1024,
                                    Duration.ofSeconds(10),
                                    randomSlot(work, share),
                                    (c, r) -> registered(work, c, r)),
                            true);
                    top.rates.put(key, o.figures());
                }
                PhaseOutcome saturation = phase(
                        m,
                        "saturation (" + clients + " clients)",
                        () -> load.closedLoop(
                                "saturation",
                                clients,
                                Duration.ofSeconds((long) p.saturationWindowSeconds() * w),
                                w,
                                k -> work.next(k, 0),
                                (c, r) -> registered(work, c, r)),
                        true);
                top.saturation = saturation.figures();
                for (int n : p.concurrency()) {
                    PhaseOutcome o = phase(
                            m,
                            "concurrency " + n + " clients",
                            () -> load.closedLoop(
                                    "concurrency " + n,
                                    n,
                                    Duration.ofSeconds((long) p.concurrencyWindowSeconds() * w),
                                    w,
                                    k -> work.next(k, 0),
                                    (c, r) -> registered(work, c, r)),
                            true);
                    top.concurrency.put(n, o.figures());
                }
                for (int n : p.streams()) {
                    work.scope(new BenchWorkload.Scope(n, false));
                    int used = Math.min(n, work.streamCount());
                    PhaseOutcome o = phase(
                            m,
                            "streams " + n + " (" + used + " existing, " + clients + " clients)",
                            () -> load.closedLoop(
                                    "streams " + n,
                                    clients,
                                    Duration.ofSeconds((long) p.streamsWindowSeconds() * w),
                                    w,
                                    k -> work.next(k, 0),
                                    (c, r) -> registered(work, c, r)),
                            true);
                    top.streams.put(n, o.figures());
                }
                work.scope(BenchWorkload.Scope.ALL);
                longStreams(m, load, work);
                burst(m, load, work, saturation.result().throughput());
            }
            rss("after load");
            Map<String, Long> after = rssAt.get("after load");
            BenchSystem.SERVICES.forEach(svc -> top.rssMbAfterLoad.put(svc, after.get(svc)));
            if (p.rebuild()) {
                rebuild();
            }
            if (p.compareNotDurable() && durable) {
                notDurable(load, work);
            }
        } finally {
            sampling.set(false);
            sampler.join(3000);
            writeTables();
        }
    }

    /** What every phase measures with. */
    private record Measure(
            LoadGenerator load, BenchWorkload work, Visibility.Watchers watchers, Visibility.Poller poller) {}

    /** A phase's raw result, its figures, and its commit-time visibility (null when not measured). */
    private record PhaseOutcome(PhaseResult result, PhaseFigures figures, Visibility.Result facts) {}

    // ---- idle, long streams, burst

    /** Cores each process uses with no load at all: the fixed cost. */
    private void idle() {
        BenchSystem.sleep(2000);
        Snapshot before = cpu.snapshot();
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        BenchSystem.sleep(p.idleSeconds() * 1000L);
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        Map<String, Double> byProcess = PhaseFigures.byProcessCores(cores);
        top.idleCores = byProcess;
        report.log(
                "idle %d s: cores %s; postgres by process %s",
                p.idleSeconds(),
                byProcess,
                postgresCores(pgBefore, CpuAccounting.postgresTicks(sys.postmasterPid()), p.idleSeconds()));
        report.put("idleCores", byProcess);

        // the same once PostgreSQL's autovacuum has done with what the set-up, warm-up and pgbench wrote: that
        // is the load's deferred work (and an autovacuum worker's whole CPU counts when it exits), not the fixed cost
        double waited = autovacuumDone(Duration.ofSeconds(180));
        Snapshot settled = cpu.snapshot();
        Map<String, Long> pgSettled = CpuAccounting.postgresTicks(sys.postmasterPid());
        BenchSystem.sleep(p.idleSeconds() * 1000L);
        Map<String, Double> settledByProcess =
                PhaseFigures.byProcessCores(CpuAccounting.cores(settled, cpu.snapshot()));
        top.idleCoresSettled = settledByProcess;
        report.log(
                "idle %d s after autovacuum finished (waited %.0f s): cores %s; postgres by process %s",
                p.idleSeconds(),
                waited,
                settledByProcess,
                postgresCores(pgSettled, CpuAccounting.postgresTicks(sys.postmasterPid()), p.idleSeconds()));
        report.put("idleCoresSettled", settledByProcess);
        report.put("idleSettleWaitSeconds", waited);
    }

    /** Waits (at most {@code max}) until no autovacuum worker runs; the seconds waited. */
    private double autovacuumDone(Duration max) {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < max.toNanos()) {
            try (java.sql.Connection c = sys.jdbc("postgres");
                    java.sql.ResultSet r = c.createStatement()
                            .executeQuery("select count(*) from pg_stat_activity"
                                    + " where backend_type = 'autovacuum worker'")) {
                r.next();
                if (r.getLong(1) == 0) {
                    break;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot ask PostgreSQL for its autovacuum workers", e);
            }
            BenchSystem.sleep(1000);
        }
        BenchSystem.sleep(2000); // the connection just used has exited and been counted before the window
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Long streams: the reserved streams grown to {@code bench.longEvents}+ events each (not measured), then the
     * same closed loop ({@code bench.longClients} clients) once on ordinary streams and once on the long ones only:
     * the CPU per command of the two must be the same if a command's cost does not grow with its stream.
     */
    private void longStreams(Measure m, LoadGenerator load, BenchWorkload work) throws Exception {
        work.scope(new BenchWorkload.Scope(0, true));
        int growers = Math.max(1, Math.min(16, work.longNegotiations.size() + work.longInvestments.size()));
        long t0 = System.nanoTime();
        while (work.longStreamsMinVersion() < p.longEvents()) {
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(15)) {
                throw new IllegalStateException("long streams not grown to " + p.longEvents() + " events in 15 min");
            }
            PhaseResult r = load.closedLoop(
                    "grow long streams",
                    growers,
                    Duration.ofSeconds(10),
                    1,
                    k -> work.next(k, 0),
                    (c, x) -> registered(work, c, x));
            report.log(
                    "long streams: growing, %s commands/s, shortest stream %d events, outcomes %s",
                    f0(r.throughput()), work.longStreamsMinVersion(), r.outcomeCounts());
        }
        top.longStreamMinEvents = work.longStreamsMinVersion();
        int w = p.windows();
        work.scope(BenchWorkload.Scope.ALL);
        top.shortStreams = phase(
                        m,
                        "short streams (" + p.longClients() + " clients)",
                        () -> load.closedLoop(
                                "short streams",
                                p.longClients(),
                                Duration.ofSeconds((long) p.longWindowSeconds() * w),
                                w,
                                k -> work.next(k, 0),
                                (c, r) -> registered(work, c, r)),
                        true)
                .figures();
        work.scope(new BenchWorkload.Scope(0, true));
        top.longStreams = phase(
                        m,
                        "long streams, " + top.longStreamMinEvents + "+ events (" + p.longClients() + " clients)",
                        () -> load.closedLoop(
                                "long streams",
                                p.longClients(),
                                Duration.ofSeconds((long) p.longWindowSeconds() * w),
                                w,
                                k -> work.next(k, 0),
                                (c, r) -> registered(work, c, r)),
                        true)
                .figures();
        work.scope(BenchWorkload.Scope.ALL);
    }

    /**
     * A burst at twice the saturation rate for {@code bench.burstSeconds}, then how long until every command of it
     * is visible in the projection (the projection's lag back to zero), measured from the burst's end.
     */
    private void burst(Measure m, LoadGenerator load, BenchWorkload work, double saturationRate) throws Exception {
        double rate = Math.max(10, 2 * saturationRate);
        long[] endWall = new long[1];
        PhaseOutcome o = phase(
                m,
                "burst " + f0(rate) + "/s for " + p.burstSeconds() + " s",
                () -> {
                    endWall[0] = LoadGenerator.wallMicros() + TimeUnit.SECONDS.toMicros(p.burstSeconds());
                    return load.openLoop(
                            "burst",
                            rate,
                            Duration.ofSeconds(p.burstSeconds()),
                            1,
                            1024,
                            Duration.ofSeconds(120),
                            randomSlot(work, 0),
                            (c, r) -> registered(work, c, r));
                },
                true);
        long lastAnswer = o.result().accepted.stream()
                .mapToLong(Accepted::answeredNanos)
                .max()
                .orElse(0);
        double answeredAfter =
                lastAnswer == 0 ? Double.NaN : (lastAnswer - o.result().windows.start(1)) / 1e9;
        double visibleAfter = o.facts() == null
                        || o.facts().lastVisibleWallMicros() == 0
                        || o.facts().missing() > 0
                ? Double.NaN
                : (o.facts().lastVisibleWallMicros() - endWall[0]) / 1e6;
        top.burst.put("rate_commands_per_s", Spread.num(rate));
        top.burst.put("seconds", p.burstSeconds());
        top.burst.put("accepted", o.result().ok.get());
        top.burst.put("last_answer_after_s", Spread.num(answeredAfter));
        top.burst.put("projection_caught_up_after_s", Spread.num(visibleAfter));
        top.burst.put("not_visible", o.facts() == null ? null : o.facts().missing());
        top.burst.put("outcomes", o.result().outcomeCounts());
        report.log(
                "burst: %s/s for %d s, %d accepted; last answer %.1f s after the burst's end, projection caught up %.1f s"
                        + " after it",
                f0(rate), p.burstSeconds(), o.result().ok.get(), answeredAfter, visibleAfter);
    }

    private String commit() {
        try {
            Process g = new ProcessBuilder("git", "-C", BenchSystem.ROOT.toString(), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String c = new String(g.getInputStream().readAllBytes()).trim();
            Process d = new ProcessBuilder(
                            "git", "-C", BenchSystem.ROOT.toString(), "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true)
                    .start();
            String dirty = new String(d.getInputStream().readAllBytes()).trim();
            return g.waitFor() == 0 && d.waitFor() == 0 ? c + (dirty.isEmpty() ? "" : "-dirty") : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    // ---- set-up

    private void setUp(LoadGenerator load, BenchWorkload work) throws Exception {
        long t0 = System.nanoTime();
        List<Cmd> opens = new ArrayList<>();
        for (int i = 0; i < p.watched(); i++) {
            opens.add(work.openNegotiation(i, true));
        }
        for (int i = 0; i < p.negotiations(); i++) {
            opens.add(work.openNegotiation(i, false));
        }
        runAll(load, opens, 32, work::negotiationOpened);
        report.log("set-up: %d negotiations opened in %.1f s", opens.size(), (System.nanoTime() - t0) / 1e9);
        BenchSystem.waitUntil(
                Duration.ofSeconds(120),
                () -> count("investment", "select count(*) from known_negotiations") >= opens.size(),
                "investment-service knows every negotiation");
        long t1 = System.nanoTime();
        List<Cmd> announcements = new ArrayList<>();
        for (int i = 0; i < p.investments(); i++) {
            announcements.add(work.announce(i % clients));
        }
        runAll(load, announcements, 32, work::investmentAnnounced);
        report.log("set-up: %d investments announced in %.1f s", announcements.size(), (System.nanoTime() - t1) / 1e9);
        report.putIn("setup", "negotiations", opens.size());
        report.putIn("setup", "investments", announcements.size());
        report.putIn("setup", "seconds", (System.nanoTime() - t0) / 1e9);
    }

    /** Sends every command, at most {@code concurrency} at a time; retries a link to a negotiation not known yet. */
    private void runAll(LoadGenerator load, List<Cmd> cmds, int concurrency, java.util.function.Consumer<Cmd> ok)
            throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        List<String> firstFailure = new ArrayList<>();
        for (Cmd c : cmds) {
            slots.acquire();
            sendWithRetry(load, c, 0).whenComplete((r, e) -> {
                slots.release();
                if (e == null && r.ok()) {
                    ok.accept(c);
                } else {
                    failures.incrementAndGet();
                    synchronized (firstFailure) {
                        if (firstFailure.isEmpty()) {
                            firstFailure.add(e != null ? e.toString() : r.status() + " " + r.body());
                        }
                    }
                }
            });
        }
        slots.acquire(concurrency);
        slots.release(concurrency);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " set-up commands failed, first: " + firstFailure);
        }
    }

    private CompletableFuture<LoadGenerator.Reply> sendWithRetry(LoadGenerator load, Cmd c, int attempt) {
        return load.send(c).thenCompose(r -> {
            boolean behind = r.status() == 422 && r.body().contains("unknown-negotiation");
            if (behind && attempt < 100) {
                return CompletableFuture.supplyAsync(
                                () -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> sendWithRetry(load, c, attempt + 1));
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    private Visibility.Watchers watch(BenchWorkload work) {
        BenchSystem.waitUntil(
                Duration.ofSeconds(120),
                () -> count(
                                "projection",
                                "select count(*) from agreement_summary where generation = (select generation from projection_generation"
                                        + " where state = 'ACTIVE')")
                        >= work.negotiationCount(),
                "the projection has every negotiation");
        Visibility.Watchers watchers = new Visibility.Watchers(sys, work.watched);
        BenchSystem.waitUntil(
                Duration.ofSeconds(60),
                () -> watchers.connected() == work.watched.size(),
                "every SSE watcher got its first status");
        report.log("set-up: %d SSE watchers connected", watchers.connected());
        return watchers;
    }

    private static java.util.function.Supplier<Cmd> randomSlot(BenchWorkload work, double watchedShare) {
        return () -> work.next(java.util.concurrent.ThreadLocalRandom.current().nextInt(work.slots), watchedShare);
    }

    private static void registered(BenchWorkload work, Cmd c, LoadGenerator.Reply r) {
        boolean accepted = r != null && r.ok();
        // an answer's ETag (a 412 carries the current version) is the version this client saw last
        work.done(c, r != null && r.etag() != null ? LoadGenerator.etag(r.etag()) : -1);
        if (accepted && c.creates() && c.streamType().equals("investment")) {
            work.investmentAnnounced(c);
        }
    }

    // ---- warm-up

    /**
     * The warm-up ({@link WarmUp}): closed-loop rounds (the command paths) until the services' JIT compilers have
     * settled, after at least {@code bench.warmupSeconds} and at most {@code bench.warmupMaxSeconds}; then
     * open-loop rounds at {@code bench.warmupReadRate} with the fixed-rate phases' watched share (SSE pushes,
     * polling readers: the read paths) until they settle again, after at least {@code bench.warmupReadSeconds} and
     * at most {@code bench.warmupReadMaxSeconds}: on two cores the C2 compiler of three Quarkus services competes
     * with the load for minutes, and what is measured should be the steady state.
     */
    private void warmUp(LoadGenerator load, BenchWorkload work, String label) {
        WarmUp w = new WarmUp(report, this::serviceThreads, jitSettledCores);
        Duration round = Duration.ofSeconds(WarmUp.ROUND_SECONDS);
        w.stage(
                label,
                "closed loop, " + clients + " clients",
                p.warmupSeconds(),
                p.warmupMaxSeconds(),
                () -> load.closedLoop(
                        "warm-up", clients, round, 1, k -> work.next(k, 0), (c, ok) -> registered(work, c, ok)));
        double rate = p.warmupReadRate();
        if (rate > 0 && p.warmupReadMaxSeconds() > 0) {
            double share = WarmUp.watchedShare(rate);
            w.stage(
                    label,
                    "open loop " + f0(rate) + "/s, watched share " + f2(share),
                    p.warmupReadSeconds(),
                    p.warmupReadMaxSeconds(),
                    () -> load.openLoop(
                            "warm-up reads",
                            rate,
                            round,
                            1,
                            1024,
                            Duration.ofSeconds(10),
                            randomSlot(work, share),
                            (c, r) -> registered(work, c, r)));
        }
        warmupRows.put(label, w.rows);
        report.putIn("warmup", label, w.rounds);
    }

    private final Map<String, List<List<String>>> warmupRows = new LinkedHashMap<>();

    // ---- phases

    private interface PhaseRun {
        PhaseResult run() throws Exception;
    }

    private PhaseOutcome phase(Measure m, String name, PhaseRun body, boolean measure) throws Exception {
        report.log("phase %s: start", name);
        Costs.Wal walBefore = wal();
        Map<String, Costs.Rows> rowsBefore = rows();
        Profiles.PgActivity pg = null;
        String slug = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        java.time.Instant begin = java.time.Instant.now();
        if (profile && measure) {
            pg = new Profiles.PgActivity(sys, 20);
        }
        ProjectionSummaries.Reading summariesBefore = ProjectionSummaries.read(sys);
        Map<String, Map<String, Long>> threadsBefore = serviceThreads();
        Map<String, Long> brokerBefore = CpuAccounting.brokerThreadTicks(sys.kafkaPid());
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        WindowSnapshots windowCpu = new WindowSnapshots(cpu, before.nanoTime());
        PhaseResult r = body.run();
        Snapshot after = cpu.snapshot();
        List<Snapshot> windowSnaps = windowCpu.stop(r.windows, before);
        Map<String, Map<String, Long>> threadsAfter = serviceThreads();
        Map<String, Long> brokerAfter = CpuAccounting.brokerThreadTicks(sys.kafkaPid());
        Map<String, Long> pgAfter = CpuAccounting.postgresTicks(sys.postmasterPid());
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/" + slug + "-pg_stat_activity.txt"), pg.summary());
            java.time.Instant end = java.time.Instant.now();
            for (String svc : BenchSystem.SERVICES) {
                Path jfr = report.dir.resolve("profile/" + slug + "-" + svc + ".jfr");
                Profiles.jfrDump(sys.pid(svc), jfr, begin, end);
                Profiles.write(
                        report.dir.resolve("profile/" + slug + "-" + svc + ".txt"),
                        Profiles.summarize(jfr, 25, begin, end));
            }
        }
        Map<String, Double> cores = CpuAccounting.cores(before, after);
        long[] spread = r.perSecondSpread();
        report.log(
                "phase %s: %s accepted/s (per second min %d, median %d), latency p50 %s p99 %s p99.9 %s max %s ms, outcomes %s,"
                        + " late sends %d, max in flight %d",
                name,
                f0(r.throughput()),
                spread[0],
                spread[1],
                ms(r.latency.getValueAtPercentile(50)),
                ms(r.latency.getValueAtPercentile(99)),
                ms(r.latency.getValueAtPercentile(99.9)),
                ms(r.latency.getMaxValue()),
                r.outcomeCounts(),
                r.lateSends,
                r.maxInFlight.get());
        if (!Double.isNaN(r.abandonedAfterSeconds)) {
            report.log(
                    "phase %s: NOT SUSTAINED: the generator fell more than its limit behind schedule and stopped"
                            + " after %.1f s of the schedule (%d sent)",
                    name, r.abandonedAfterSeconds, r.sent);
        }
        report.log("phase %s: accepted by service %s", name, r.okByService);
        report.log(
                "phase %s: CPU cores %s",
                name,
                cores.entrySet().stream()
                        .map(e -> e.getKey() + "=" + f2(e.getValue()))
                        .collect(Collectors.joining(", ")));
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Object> threadCores = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            Map<String, Long> a = threadsBefore.get(svc);
            Map<String, Long> b = threadsAfter.get(svc);
            if (a == null || b == null) {
                continue;
            }
            Map<String, Double> kinds = new LinkedHashMap<>();
            b.forEach((k, v) ->
                    kinds.put(k, Math.max(0, v - a.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / seconds));
            threadCores.put(svc, kinds);
            List<String> trow = new ArrayList<>(List.of(name, svc));
            kinds.values().forEach(v -> trow.add(f2(v)));
            threadRows.add(trow);
        }
        report.log("phase %s: service CPU cores by thread kind %s", name, threadCores);
        Map<String, Double> brokerCores = CpuAccounting.coresByKind(brokerBefore, brokerAfter, seconds);
        report.log("phase %s: kafka broker CPU cores by thread kind %s", name, brokerCores);
        Map<String, Double> pgCores = postgresCores(pgBefore, pgAfter, seconds);
        report.log("phase %s: postgres CPU cores by process %s", name, pgCores);
        pgRows.add(List.of(
                name,
                pgCores.entrySet().stream()
                        .map(e -> e.getKey() + " " + f2(e.getValue()))
                        .collect(Collectors.joining(", "))));

        String mode = Double.isNaN(r.abandonedAfterSeconds)
                ? r.mode
                : r.mode + ", NOT SUSTAINED: stopped after " + f1(r.abandonedAfterSeconds) + " s of schedule";
        List<String> row = new ArrayList<>(List.of(
                name,
                mode,
                r.targetRate > 0 ? f0(r.targetRate) : "–",
                r.targetRate > 0 ? "≤ 1024 in flight" : Integer.toString(r.clients),
                f0(r.throughput()),
                spread[0] + " / " + spread[1] + " / " + spread[2]));
        row.addAll(BenchReport.percentiles(r.latency));
        row.add(outcomes(r));
        phaseRows.add(row);
        List<String> crow = new ArrayList<>(List.of(name, f0(r.throughput())));
        cores.values().forEach(v -> crow.add(f2(v) + " (" + f2(v * 1000 / Math.max(1, r.throughput())) + ")"));
        cpuRows.add(crow);
        if (cpuHeader == null) {
            cpuHeader = new ArrayList<>(List.of("phase", "accepted/s"));
            cpuHeader.addAll(cores.keySet());
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("mode", r.mode);
        j.put("targetRate", r.targetRate);
        j.put("clients", r.clients);
        j.put("seconds", r.seconds);
        j.put("acceptedPerSecond", r.throughput());
        j.put("perSecondMinMedianMax", spread);
        j.put("latency", BenchReport.percentileMap(r.latency));
        Map<String, Object> bySvc = new LinkedHashMap<>();
        r.latencyByService.forEach((k, v) -> bySvc.put(k, BenchReport.percentileMap(v)));
        j.put("latencyByService", bySvc);
        j.put("outcomes", r.outcomeCounts());
        j.put("lateSends", r.lateSends);
        j.put("maxInFlight", r.maxInFlight.get());
        j.put("sent", r.sent);
        j.put("abandonedAfterSeconds", Double.isNaN(r.abandonedAfterSeconds) ? null : r.abandonedAfterSeconds);
        Map<String, Long> byService = new LinkedHashMap<>();
        r.okByService.forEach((k, v) -> byService.put(k, v.get()));
        j.put("acceptedByService", byService);
        j.put("cpuCores", cores);
        j.put("serviceCpuCoresByThreadKind", threadCores);
        j.put("kafkaCpuCoresByThreadKind", brokerCores);
        j.put("postgresCpuCoresByProcess", pgCores);

        Visibility.Result facts = null;
        Visibility.Result sse = null;
        Visibility.Result poll = null;
        Map<Accepted, VisibleStages.Applied> applied = new java.util.HashMap<>();
        if (measure) {
            facts = new Visibility(sys)
                    .fromFacts(
                            r.accepted, Duration.ofSeconds(name.startsWith("burst") ? 600 : 120), r.windows, applied);
            List<Accepted> watchedOnes =
                    r.accepted.stream().filter(Accepted::watched).toList();
            sse = m.watchers() == null ? null : m.watchers().latency(r.accepted, r.windows);
            poll = m.poller() == null ? null : m.poller().latency(r.accepted, r.windows, Duration.ofSeconds(30));
            if (sse == null) {
                sse = new Visibility.Result(
                        new org.HdrHistogram.Histogram(3), 0, 0, Visibility.histograms(r.windows.count()), 0);
            }
            report.log(
                    "phase %s: command → projection commit n=%d missing=%d p50 %s p99 %s p99.9 %s max %s ms;"
                            + " SSE sample n=%d (watched commands %d) missing=%d p50 %s p99 %s max %s ms",
                    name,
                    facts.measured(),
                    facts.missing(),
                    ms(facts.latency().getValueAtPercentile(50)),
                    ms(facts.latency().getValueAtPercentile(99)),
                    ms(facts.latency().getValueAtPercentile(99.9)),
                    ms(facts.latency().getMaxValue()),
                    sse.measured(),
                    watchedOnes.size(),
                    sse.missing(),
                    ms(sse.latency().getValueAtPercentile(50)),
                    ms(sse.latency().getValueAtPercentile(99)),
                    ms(sse.latency().getMaxValue()));
            List<String> e = new ArrayList<>(List.of(name, f0(r.throughput())));
            e.add(facts.measured() + (facts.missing() > 0 ? " (" + facts.missing() + " not visible in 120 s)" : ""));
            e.addAll(BenchReport.percentiles(facts.latency()));
            e.add(Long.toString(sse.measured()));
            List<String> ssep = BenchReport.percentiles(sse.latency());
            e.add(ssep.get(0));
            e.add(ssep.get(1));
            e.add(ssep.get(3));
            e2eRows.add(e);
            j.put("commandToProjection_factAppliedAt", BenchReport.percentileMap(facts.latency()));
            j.put("commandToProjection_factMissing", facts.missing());
            j.put("commandToProjection_sse", BenchReport.percentileMap(sse.latency()));
            j.put("commandToProjection_sseMissing", sse.missing());
            if (poll != null) {
                j.put("commandToProjection_poll", BenchReport.percentileMap(poll.latency()));
                j.put("commandToProjection_pollMissing", poll.missing());
                report.log(
                        "phase %s: polling reader sample n=%d missing=%d p50 %s p99 %s ms",
                        name,
                        poll.measured(),
                        poll.missing(),
                        ms(poll.latency().getValueAtPercentile(50)),
                        ms(poll.latency().getValueAtPercentile(99)));
            }
        }
        summaries(name, summariesBefore, j);
        // pg_stat_* are flushed by each backend at most once a second: wait for the phase's last ones
        BenchSystem.sleep(1100);
        Costs.Wal walDelta = wal().minus(walBefore);
        Map<String, Double> rowsPerCommand = Costs.rowsPerCommand(rowsBefore, rows(), r.ok.get());
        Map<String, Object> walPerCommand = walDelta.perCommand(r.ok.get());
        // where command → visible went, by stage: read after the counters above, so that they do not count it
        VisibleStages stages = measure ? VisibleStages.measure(sys, r.accepted, applied, r.windows) : null;
        if (stages != null) {
            j.put("visibleStages", stages.json());
            stageRows.add(stages.row(name));
            report.log("phase %s: command → visible by stage %s", name, stages.json());
        }
        List<Double> windowCpuMs = new ArrayList<>();
        List<Double> windowRates = r.windowThroughput();
        for (int i = 0; i + 1 < windowSnaps.size(); i++) {
            double system = PhaseFigures.byProcessCores(CpuAccounting.cores(windowSnaps.get(i), windowSnaps.get(i + 1)))
                    .get("total");
            windowCpuMs.add(
                    i < windowRates.size() && windowRates.get(i) > 0 ? system * 1000 / windowRates.get(i) : Double.NaN);
        }
        // a fixed rate is sustained when the generator kept its schedule and the answers (accepted or refused) kept up
        boolean sustained = Double.isNaN(r.abandonedAfterSeconds)
                && (r.targetRate <= 0 || (r.ok.get() + r.failed.get()) / r.seconds >= 0.9 * r.targetRate);
        PhaseFigures figures = new PhaseFigures(
                name,
                sustained,
                Spread.of(windowRates),
                Spread.of(r.windowP99Ms()),
                facts == null ? Spread.NONE : Spread.of(facts.windowP99Ms()),
                sse == null ? Spread.NONE : Spread.of(sse.windowP99Ms()),
                poll == null ? Spread.NONE : Spread.of(poll.windowP99Ms()),
                stages == null ? Map.of() : stages.p99ByWindow(),
                Spread.of(windowCpuMs),
                PhaseFigures.byProcess(cores, r.throughput()),
                PhaseFigures.byDatabase(pgCores, r.throughput()),
                walPerCommand,
                rowsPerCommand,
                r.outcomeCounts());
        j.put("figures", figures.json());
        j.put("withIdempotencyKey", r.withKey.get());
        j.put("withIfMatch", r.withIfMatch.get());
        j.put("retryOutcomes", counts(r.retryOutcomes));
        j.put("retriesSameVersion", r.retriesSameVersion.get());
        j.put("retriesOtherVersion", r.retriesOtherVersion.get());
        Map<String, Object> byToken = new LinkedHashMap<>();
        r.latencyByToken.forEach((k, v) -> byToken.put("token " + k, BenchReport.percentileMap(v)));
        j.put("latencyByToken", byToken);
        report.log(
                "phase %s: windows %s; WAL %s; rows per command %s; keyed %d, If-Match %d, retries %s (same version %d,"
                        + " other %d)",
                name,
                figures.json(),
                walPerCommand,
                rowsPerCommand,
                r.withKey.get(),
                r.withIfMatch.get(),
                counts(r.retryOutcomes),
                r.retriesSameVersion.get(),
                r.retriesOtherVersion.get());
        figureRows.add(figures.row());
        report.putIn("phases", name, j);
        return new PhaseOutcome(r, figures, facts);
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> m) {
        Map<String, Long> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** pg_stat_wal now (cluster-wide). */
    private Costs.Wal wal() throws SQLException {
        try (Connection c = sys.jdbc("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(Costs.Wal.QUERY)) {
            rs.next();
            return new Costs.Wal(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        }
    }

    /** Rows written so far per database of the system (pg_stat_user_tables). */
    private Map<String, Costs.Rows> rows() throws SQLException {
        Map<String, Costs.Rows> m = new LinkedHashMap<>();
        for (String db : BenchSystem.DATABASES) {
            try (Connection c = sys.jdbc(db);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(Costs.Rows.QUERY)) {
                rs.next();
                m.put(db, new Costs.Rows(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return m;
    }

    /**
     * CPU snapshots at the phase's window boundaries, taken on a thread of its own every 50 ms: the snapshot
     * closest after each boundary is that window's.
     */
    private static final class WindowSnapshots {
        private final List<Snapshot> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        WindowSnapshots(CpuAccounting cpu, long startNanos) {
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            taken.add(cpu.snapshot());
                            try {
                                Thread.sleep(250);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "window-cpu");
            thread.setDaemon(true);
            thread.start();
        }

        /** The snapshots nearest each window boundary (start of window 0 .. end of the last). */
        List<Snapshot> stop(Windows windows, Snapshot first) throws InterruptedException {
            running.set(false);
            thread.join(2000);
            List<Snapshot> out = new ArrayList<>();
            if (windows == null) {
                return out;
            }
            List<Snapshot> all = new ArrayList<>(List.of(first));
            all.addAll(taken);
            for (int i = 0; i <= windows.count(); i++) {
                long t = windows.start(i);
                all.stream()
                        .min(java.util.Comparator.comparingLong(x -> Math.abs(x.nanoTime() - t)))
                        .ifPresent(out::add);
            }
            return out;
        }
    }

    /**
     * The projection's summary rows of the phase, from kept facts vs from the store. Read at the end of
     * {@link #phase}: a measured phase has waited above until its commands were visible, so the rows their events
     * caused count in this phase rather than in the next one.
     */
    private void summaries(String name, ProjectionSummaries.Reading before, Map<String, Object> phaseJson) {
        ProjectionSummaries.Phase s = ProjectionSummaries.Phase.between(before, ProjectionSummaries.read(sys));
        report.log("phase %s: %s", name, s.logText());
        summaryRows.add(s.row(name));
        phaseJson.put("projectionSummaries", s.json());
    }

    private final List<List<String>> summaryRows = new ArrayList<>();

    /** PostgreSQL's cores by process between two readings of its ticks (those under 0.005 cores left out). */
    private static Map<String, Double> postgresCores(
            Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> cores = new java.util.TreeMap<>();
        after.forEach((k, v) -> {
            double c = Math.max(0, v - before.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / seconds;
            if (c >= 0.005) {
                cores.put(k, Math.round(c * 1000) / 1000.0);
            }
        });
        return cores;
    }

    private List<String> cpuHeader;
    private final List<List<String>> threadRows = new ArrayList<>();
    private final List<List<String>> pgRows = new ArrayList<>();

    private Map<String, Map<String, Long>> serviceThreads() {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            try {
                m.put(svc, CpuAccounting.threadTicks(sys.pid(svc)));
            } catch (RuntimeException e) {
                // not running
            }
        }
        return m;
    }

    private static String outcomes(PhaseResult r) {
        return r.outcomeCounts().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    // ---- pgbench

    private PgBaseline pgbench(boolean durableRun) throws Exception {
        PgBaseline b = new PgBaseline(sys);
        report.log("pgbench: %s", b.tool());
        b.prepare(64, 50);
        String payload;
        try (Connection c = sys.jdbc("negotiation");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select payload::text from es_events where event_type = 'LeadersMet' limit 1")) {
            rs.next();
            payload = rs.getString(1);
        }
        b.writeScripts(payload, 50);
        report.putIn("pgbench", "tool", b.tool());
        report.putIn("pgbench", "payloadBytes", payload.length());
        Snapshot before = cpu.snapshot();
        List<Object[]> plan = List.of(
                new Object[] {"raw-c8", "event + outbox insert, 1 event/tx", "raw.sql", 8, 1},
                new Object[] {"raw-c64", "event + outbox insert, 1 event/tx", "raw.sql", 64, 1},
                new Object[] {"batch100-c8", "event + outbox insert, 100 events/tx", "batch100.sql", 8, 100},
                new Object[] {
                    "escore-c40",
                    "es-core's command in the database: read the events after the kept version, append as one statement (claim + event + outbox), 1 event/tx",
                    "escore.sql",
                    40,
                    1
                },
                new Object[] {
                    "escore-v1-c40",
                    "es-core's first shape: whole stream read, BEGIN, claim, event + outbox with pg_notify, COMMIT",
                    "escore-v1.sql",
                    40,
                    1
                });
        for (Object[] p : plan) {
            PgBaseline.Run r = b.run(
                    (String) p[0],
                    (String) p[1],
                    (String) p[2],
                    (Integer) p[3],
                    this.p.pgbenchSeconds(),
                    durableRun,
                    (Integer) p[4]);
            report.log(
                    "pgbench %s (%s, %d clients, durable=%s): %s tx/s = %s events/s, latency avg %s ms",
                    r.name(),
                    r.description(),
                    r.clients(),
                    durableRun,
                    f0(r.tps()),
                    f0(r.eventsPerSecond()),
                    f2(r.latencyAvgMs()));
        }
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        report.log("pgbench: CPU cores %s", cores);
        pgbenchRuns.addAll(b.runs);
        for (PgBaseline.Run r : b.runs) {
            top.pgbench.put(r.name(), r.eventsPerSecond());
        }
        return b;
    }

    private final List<PgBaseline.Run> pgbenchRuns = new ArrayList<>();

    private double rawSingleAppend(boolean durableRun) {
        return pgbenchRuns.stream()
                .filter(r -> r.durable() == durableRun && r.name().startsWith("raw-"))
                .mapToDouble(PgBaseline.Run::eventsPerSecond)
                .max()
                .orElse(Double.NaN);
    }

    // ---- rebuild

    private void rebuild() throws Exception {
        long topicEvents = topicEvents();
        long factsBefore = count(
                "projection",
                "select count(*) from fact where generation = (select generation from"
                        + " projection_generation where state = 'ACTIVE')");
        report.log("rebuild: %d records on the topics, %d facts in the active generation", topicEvents, factsBefore);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.time.Instant begin = java.time.Instant.now();
        Profiles.PgActivity pg = profile ? new Profiles.PgActivity(sys, 20) : null;
        Map<String, Long> projectionThreadsBefore = CpuAccounting.threadTicks(sys.pid("projection-service"));
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        long t0 = System.nanoTime();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(sys.url("projection-service", "/admin/rebuild")))
                        .header("Authorization", "Bearer " + sys.recorderToken)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
        }
        int generation = JSON.readTree(started.body()).path("generation").asInt();
        JsonNode status;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(sys.url("projection-service", "/admin/rebuild")))
                            .header("Authorization", "Bearer " + sys.analystToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = JSON.readTree(r.body());
            String state = status.path("state").asText();
            if (status.path("generation").asInt() == generation && "ACTIVE".equals(state)) {
                break;
            }
            if ("FAILED".equals(state) || System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild did not finish: " + r.body());
            }
            Thread.sleep(50);
        }
        double clientSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        Map<String, Long> projectionThreadsAfter = CpuAccounting.threadTicks(sys.pid("projection-service"));
        Map<String, Long> pgAfter = CpuAccounting.postgresTicks(sys.postmasterPid());
        Map<String, Double> projectionThreads =
                CpuAccounting.coresByKind(projectionThreadsBefore, projectionThreadsAfter, clientSeconds);
        Map<String, Double> pgCores = postgresCores(pgBefore, pgAfter, clientSeconds);
        report.log(
                "rebuild: projection-service CPU cores by thread kind %s; postgres by process %s",
                projectionThreads, pgCores);
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/rebuild-pg_stat_activity.txt"), pg.summary());
            Path jfr = report.dir.resolve("profile/rebuild-projection-service.jfr");
            java.time.Instant end = java.time.Instant.now();
            Profiles.jfrDump(sys.pid("projection-service"), jfr, begin, end);
            Profiles.write(
                    report.dir.resolve("profile/rebuild-projection-service.txt"),
                    Profiles.summarize(jfr, 25, begin, end));
        }
        long applied = status.path("eventsApplied").asLong();
        long transactions = status.path("transactions").asLong();
        double serverSeconds = Duration.between(
                                OffsetDateTime.parse(status.path("createdAt").asText()),
                                OffsetDateTime.parse(status.path("activatedAt").asText()))
                        .toNanos()
                / 1e9;
        report.log(
                "rebuild: generation %d ACTIVE, %d events in %d transactions, server %.2f s (%s events/s), client %.2f s"
                        + " (%s events/s); CPU %s",
                generation,
                applied,
                transactions,
                serverSeconds,
                f0(applied / serverSeconds),
                clientSeconds,
                f0(applied / clientSeconds),
                cores);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("topicRecords", topicEvents);
        j.put("factsBefore", factsBefore);
        j.put("eventsApplied", applied);
        j.put("transactions", transactions);
        j.put("serverSeconds", serverSeconds);
        j.put("clientSeconds", clientSeconds);
        j.put("eventsPerSecondServer", applied / serverSeconds);
        j.put("eventsPerSecondClient", applied / clientSeconds);
        j.put("cpuCores", cores);
        j.put("projectionCpuCoresByThreadKind", projectionThreads);
        j.put("postgresCpuCoresByProcess", pgCores);
        report.put("rebuild", j);
        top.rebuildEventsPerSecond = applied / serverSeconds;
        rebuildRow = List.of(
                Long.toString(applied),
                Long.toString(transactions),
                f2(serverSeconds),
                f0(applied / serverSeconds),
                f2(clientSeconds),
                f0(applied / clientSeconds),
                f2(cores.get("projection-service")),
                f2(cores.get("postgres")),
                f2(cores.get("kafka")));
    }

    private List<String> rebuildRow;

    private long topicEvents() {
        Properties p = new Properties();
        p.putAll(sys.kafkaClientConfig());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sys.bootstrap());
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of("tracker.negotiation.events", "tracker.investment.events")) {
                for (PartitionInfo pi : c.partitionsFor(topic)) {
                    tps.add(new TopicPartition(topic, pi.partition()));
                }
            }
            long end = c.endOffsets(tps).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long begin = c.beginningOffsets(tps).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            return end - begin;
        }
    }

    // ---- a PostgreSQL that is not durable, for comparison

    private void notDurable(LoadGenerator load, BenchWorkload work) throws Exception {
        report.log("not durable: PostgreSQL restarted with fsync and synchronous_commit off," + " services restarted");
        for (String svc : BenchSystem.SERVICES) {
            sys.stopService(svc);
        }
        sys.stopPostgres();
        sys.startPostgres(false, profile);
        databaseFacts("not durable");
        for (String svc : BenchSystem.SERVICES) {
            BenchSystem.Startup st = sys.startService(svc, jvmArgs());
            report.log(
                    "restarted %s in %.0f ms (Quarkus: %ss), RSS %d MB",
                    svc, st.readyMillis(), st.quarkusStartedSeconds(), st.rssKbAtReady() / 1024);
        }
        warmUp(load, work, "not durable");
        PhaseResult r = phase(
                        new Measure(load, work, null, null),
                        "saturation, not durable: fsync/synchronous_commit off (" + clients + " clients)",
                        () -> load.closedLoop(
                                "saturation-async",
                                clients,
                                Duration.ofSeconds((long) p.saturationWindowSeconds() * p.windows()),
                                p.windows(),
                                k -> work.next(k, 0),
                                (c, x) -> registered(work, c, x)),
                        false)
                .result();
        PgBaseline b = new PgBaseline(sys);
        for (Object[] p : List.<Object[]>of(
                new Object[] {"raw-c8-async", "raw.sql", 8, 1},
                new Object[] {"raw-c64-async", "raw.sql", 64, 1},
                new Object[] {"escore-c40-async", "escore.sql", 40, 1})) {
            PgBaseline.Run run = b.run(
                    (String) p[0],
                    "not durable (fsync, synchronous_commit off)",
                    (String) p[1],
                    (Integer) p[2],
                    Math.max(5, this.p.pgbenchSeconds() * 2 / 3),
                    false,
                    (Integer) p[3]);
            report.log("pgbench %s: %s tx/s, latency avg %s ms", run.name(), f0(run.tps()), f2(run.latencyAvgMs()));
        }
        pgbenchRuns.addAll(b.runs);
        b.runs.forEach(run -> top.pgbench.put(run.name(), run.eventsPerSecond()));
        double raw = rawSingleAppend(false);
        headline.put("asyncCommandsPerSecond", r.throughput());
        headline.put("asyncRawSingleAppendPerSecond", raw);
        report.log(
                "not durable: %s commands/s vs raw %s/s (%s)", f0(r.throughput()), f0(raw), ratio(r.throughput(), raw));
        rss("after synchronous_commit=off phases");
    }

    // ---- memory, machine, database

    private Thread rssSampler(AtomicBoolean running) {
        Thread t = new Thread(
                () -> {
                    while (running.get()) {
                        for (String svc : BenchSystem.SERVICES) {
                            try {
                                long kb = BenchSystem.rssKb(sys.pid(svc));
                                peakRss.merge(svc, kb, Math::max);
                            } catch (RuntimeException e) {
                                // restarting
                            }
                        }
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void rss(String when) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            m.put(svc, BenchSystem.rssKb(sys.pid(svc)) / 1024);
        }
        m.put("kafka (broker JVM)", BenchSystem.rssKb(sys.kafkaPid()) / 1024);
        rssAt.put(when, m);
        report.log("RSS MB %s: %s", when, m);
        Map<String, Object> heap = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            heap.put(svc, HeapFigures.of(sys.metrics(svc)).json());
        }
        heapAt.put(when, heap);
        report.log("heap %s: %s", when, heap);
    }

    private void machine(String when) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put(
                "cpu",
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name"))
                        .findFirst()
                        .map(l -> l.replaceFirst("model name\\s*:\\s*", ""))
                        .orElse("?"));
        m.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        m.put(
                "os",
                Files.readAllLines(Path.of("/etc/os-release")).stream()
                        .filter(l -> l.startsWith("PRETTY_NAME"))
                        .findFirst()
                        .orElse("?"));
        m.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("loadavgAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        report.put("machine", m);
        report.log("machine: %s", m);
    }

    /**
     * Waits (at most {@code bench.quietWaitSeconds}, default 300) until the 1-minute load average is below
     * {@code bench.quietLoad} (default 0.8): the build that precedes the run, or anything else on the machine,
     * would otherwise be measured too. The load average when measuring starts is recorded either way.
     */
    private void awaitQuiet() throws IOException, InterruptedException {
        double limit = Double.parseDouble(System.getProperty("bench.quietLoad", "0.8"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(p.quietWaitSeconds());
        double load;
        while ((load = Double.parseDouble(
                                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]))
                        >= limit
                && System.nanoTime() < deadline) {
            report.log("waiting for a quiet machine: load average %.2f (want < %.2f)", load, limit);
            Thread.sleep(15_000);
        }
        String l = Files.readString(Path.of("/proc/loadavg")).trim();
        report.putIn("machine", "loadavgWhenMeasuringStarts", l);
        report.log("load average when measuring starts: %s", l);
    }

    private void machineEnd() {
        try {
            String l = Files.readString(Path.of("/proc/loadavg")).trim();
            report.putIn("machine", "loadavgAtEnd", l);
            report.log("load average at end: %s", l);
        } catch (IOException e) {
            // none
        }
    }

    private void databaseFacts(String label) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = sys.jdbc("negotiation");
                Statement s = c.createStatement()) {
            for (String setting : List.of(
                    "server_version",
                    "synchronous_commit",
                    "fsync",
                    "wal_sync_method",
                    "commit_delay",
                    "shared_buffers",
                    "max_connections",
                    "wal_level",
                    "full_page_writes",
                    "track_commit_timestamp")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    m.put(setting, rs.getString(1));
                }
            }
        }
        report.putIn("postgres", label, m);
        report.log("postgres (%s): %s", label, m);
    }

    private long count(String database, String sql) {
        try (Connection c = sys.jdbc(database);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    // ---- the report's tables

    private void writeTables() {
        report.heading("Figures per phase (median over the phase's windows, min–max in brackets)");
        report.line(
                "Visible = the projection's commit of the command's fact (`pg_xact_commit_timestamp`) − the command's due"
                        + " time; SSE = a watching analyst's push; poll = a reader polling `GET /agreements/{id}` every 20 ms."
                        + " CPU = the system's processes (services, PostgreSQL, Kafka, load generator) per accepted command. WAL and rows: over the whole phase.");
        report.line("");
        report.table(PhaseFigures.HEADER, figureRows);
        if (!headline.isEmpty()) {
            report.heading("Headline (not-durable comparison)");
        }
        headline.forEach((k, v) -> report.line("- " + k + ": " + (v instanceof Double d ? f2(d) : v)));
        report.put("headline", headline);

        report.heading("Start-up and memory");
        List<List<String>> rows = new ArrayList<>();
        for (BenchSystem.Startup s : sys.startups) {
            rows.add(List.of(
                    s.service(),
                    Integer.toString(s.attempt()),
                    f0(s.readyMillis()),
                    s.quarkusStartedSeconds() == null ? "?" : f2(s.quarkusStartedSeconds()),
                    Long.toString(s.rssKbAtReady() / 1024),
                    s.startupCache(),
                    s.slowestSteps().entrySet().stream()
                            .limit(5)
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        report.table(
                List.of(
                        "service",
                        "start #",
                        "process start → ready 200 (ms)",
                        "Quarkus \"started in\" (s)",
                        "RSS at ready (MB)",
                        "start-up cache",
                        "slowest start-up steps (ms)"),
                rows);
        report.put("startups", sys.startups);
        List<String> header = new ArrayList<>(List.of("when"));
        rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> e : rssAt.entrySet()) {
            if (header.size() == 1) {
                header.addAll(e.getValue().keySet());
            }
            List<String> r = new ArrayList<>(List.of(e.getKey()));
            e.getValue().values().forEach(v -> r.add(Long.toString(v)));
            rows.add(r);
        }
        List<String> peak = new ArrayList<>(List.of("peak (sampled every 1 s)"));
        BenchSystem.SERVICES.forEach(svc -> peak.add(Long.toString(peakRss.getOrDefault(svc, -1024L) / 1024)));
        peak.add("");
        rows.add(peak);
        report.line(
                "RSS in MB (VmRSS of /proc/<pid>/status); services run with " + BenchSystem.serviceJvmLabel() + ".");
        report.line("");
        report.table(header, rows);
        report.put("rssMb", rssAt);
        report.put("heapMb", heapAt);
        report.put("peakRssKb", peakRss);

        warmupRows.forEach((label, wrows) -> {
            report.heading("Warm-up, " + label
                    + " (10 s rounds until the JIT settles: closed loop, then open loop with watched negotiations)");
            report.table(
                    List.of(
                            "elapsed s",
                            "load",
                            "accepted/s",
                            "p50 ms",
                            "p99 ms",
                            "JIT cores (3 services)",
                            "event-loop cores (3 services)"),
                    wrows);
        });

        report.heading("pgbench on the same PostgreSQL");
        rows = new ArrayList<>();
        for (PgBaseline.Run r : pgbenchRuns) {
            rows.add(List.of(
                    r.name(),
                    r.description(),
                    Integer.toString(r.clients()),
                    r.durable() ? "on" : "off",
                    f0(r.tps()),
                    f0(r.eventsPerSecond()),
                    f2(r.latencyAvgMs())));
        }
        report.table(
                List.of(
                        "run",
                        "shape",
                        "clients",
                        "durable (fsync + synchronous_commit on)",
                        "tx/s",
                        "events/s",
                        "latency avg (ms)"),
                rows);
        report.put("pgbenchRuns", pgbenchRuns);

        report.heading("Commands (client side; open loop measured from each command's due time)");
        report.table(
                List.of(
                        "phase",
                        "mode",
                        "target/s",
                        "clients",
                        "accepted/s",
                        "per-second min/median/max",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "max ms",
                        "outcomes"),
                phaseRows);
        report.heading("Command → visible in the projection");
        report.table(
                List.of(
                        "phase",
                        "accepted/s",
                        "commands measured (projection commit)",
                        "p50 ms",
                        "p99 ms",
                        "p99.9 ms",
                        "max ms",
                        "SSE sample n",
                        "SSE p50 ms",
                        "SSE p99 ms",
                        "SSE max ms"),
                e2eRows);
        if (!stageRows.isEmpty()) {
            report.line("Where the projection-commit figure goes, for the same commands: the command service's commit,"
                    + " the Kafka record's timestamp (the relay's send, whole ms), the projection's commit"
                    + " (`visibleStages`; docs/BENCHMARKS.md).");
            report.line("");
            report.table(VisibleStages.HEADER, stageRows);
        }
        if (!summaryRows.isEmpty()) {
            report.heading("Projection summaries: folded state (or kept facts) vs store");
            report.line("Agreement summary rows the projection's live batches recomputed in each phase, from the state"
                    + " folded with the row (`projection_summaries_refreshed_total{facts=\"state\"}`; older builds: the facts"
                    + " kept in memory, `{facts=\"kept\"}`) or read back from the store (`{facts=\"store\"}`), counted until the phase's commands were visible; the not-durable"
                    + " saturation: until its load ended), and the facts kept at the phase's end (`projection_kept_facts`, older builds)."
                    + " –: the projection does not expose them.");
            report.line("");
            report.table(ProjectionSummaries.HEADER, summaryRows);
        }
        if (cpuHeader != null) {
            report.heading("CPU: cores used per component (and CPU ms per accepted command)");
            report.table(cpuHeader, cpuRows);
        }
        if (!threadRows.isEmpty()) {
            report.heading("Service CPU by kind of thread (cores)");
            report.table(
                    List.of("phase", "service", "event loops", "JIT", "GC", "kafka", "worker", "other"), threadRows);
        }
        if (!pgRows.isEmpty()) {
            report.heading("PostgreSQL CPU by process (cores; client backends by database)");
            report.table(List.of("phase", "cores"), pgRows);
        }
        if (rebuildRow != null) {
            report.heading("Projection rebuild");
            report.table(
                    List.of(
                            "events",
                            "transactions",
                            "server s",
                            "events/s (server)",
                            "client s",
                            "events/s (client)",
                            "projection cores",
                            "postgres cores",
                            "kafka cores"),
                    List.of(rebuildRow));
        }
    }
}
