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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * system on the embedded default (PostgreSQL 17 and Kafka from deploy/local, the three services from their
 * built jars, each a process of its own):
 * <ol>
 * <li>start-up time and resident memory of each service;</li>
 * <li>set-up: negotiations opened, investments announced (linked to them), SSE watchers; warm-up;</li>
 * <li>pgbench on the same PostgreSQL: the raw event + outbox insert, one transaction per event (the naive
 * design's physical limit), 100 events per transaction, and es-core's own statement shape;</li>
 * <li>open-loop phases at fixed rates (command latency from the due time, command → projection latency);</li>
 * <li>saturation (closed loop), and an open loop at the target rate;</li>
 * <li>projection rebuild from the topics;</li>
 * <li>the same saturation on a PostgreSQL that is not durable (fsync and {@code synchronous_commit} off), for comparison.</li>
 * </ol>
 * Results: {@code deploy/system-tests/target/bench/results.md} and {@code results.json}; docs/BENCHMARKS.md
 * explains them. Run: see docs/BENCHMARKS.md.
 */
@Tag("bench")
class PipelineBenchmarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int clients = Integer.getInteger("bench.clients", 64);
    private final int negotiations = Integer.getInteger("bench.negotiations", 4000);
    private final int investments = Integer.getInteger("bench.investments", 2000);
    private final int watchedCount = Integer.getInteger("bench.watched", 50);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 60);
    private final int warmupMaxSeconds = Integer.getInteger("bench.warmupMaxSeconds", 300);
    private final double jitSettledCores = Double.parseDouble(System.getProperty("bench.jitSettledCores", "0.10"));
    private final List<Double> rates = Arrays.stream(System.getProperty("bench.rates", "100,300,1000").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
    private final int rateSeconds = Integer.getInteger("bench.rateSeconds", 30);
    private final int saturationSeconds = Integer.getInteger("bench.saturationSeconds", 30);
    private final double targetRate = Double.parseDouble(System.getProperty("bench.targetRate", "3000"));
    private final int targetSeconds = Integer.getInteger("bench.targetSeconds", 20);
    private final int pgbenchSeconds = Integer.getInteger("bench.pgbenchSeconds", 15);
    private final boolean durable = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    private final boolean compareDefault = Boolean.parseBoolean(System.getProperty("bench.compareNotDurable", "true"));
    private final boolean profile = Boolean.parseBoolean(System.getProperty("bench.profile", "false"));
    private final boolean rebuild = Boolean.parseBoolean(System.getProperty("bench.rebuild", "true"));
    private final List<String> serviceJvmArgs = Arrays.stream(System.getProperty("bench.serviceJvmArgs", "").split(" "))
            .filter(s -> !s.isBlank()).toList();

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
    private final List<List<String>> phaseRows = new ArrayList<>();
    private final List<List<String>> e2eRows = new ArrayList<>();
    private final List<List<String>> cpuRows = new ArrayList<>();
    private final Map<String, Object> headline = new LinkedHashMap<>();

    @Test
    void wholePipeline() throws Exception {
        report = new BenchReport(BenchSystem.ROOT.resolve("deploy/system-tests/target/bench"));
        report.log("benchmark: start (results in %s)", report.dir);
        machine("start");
        awaitQuiet();
        try (BenchSystem s = new BenchSystem("run")) {
            sys = s;
            run();
        } finally {
            machineEnd();
            report.write();
            report.log("benchmark: done, %s", report.dir.resolve("results.md"));
        }
    }

    private void run() throws Exception {
        sys.startPostgres(durable);
        sys.startKafka();
        report.log("postgres ready in %.0f ms, kafka in %.0f ms", sys.postgresReadyMillis, sys.kafkaReadyMillis);
        databaseFacts(durable ? "durable" : "not durable");

        cpu = new CpuAccounting();
        for (String svc : BenchSystem.SERVICES) {
            cpu.add(svc, () -> sys.pid(svc));
        }
        cpu.add("kafka", sys::kafkaPid);
        cpu.add("postgres", sys::postmasterPid);
        cpu.addProcess("load generator (this JVM)", () -> ProcessHandle.current().pid());

        sys.startServices(jvmArgs());
        sys.startups.forEach(st -> report.log("started %s in %.0f ms (Quarkus: %ss), RSS %d MB", st.service(),
                st.readyMillis(), st.quarkusStartedSeconds(), st.rssKbAtReady() / 1024));
        rss("idle after start");
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = rssSampler(sampling);

        try (LoadGenerator load = new LoadGenerator(sys)) {
            BenchWorkload work = new BenchWorkload(clients, Long.toString(System.currentTimeMillis() % 100000, 36));
            setUp(load, work);
            try (Visibility.Watchers watchers = watch(work)) {
                warmUp(load, work, "durable");
                rss("after warm-up");

                PgBaseline baseline = pgbench(true);

                for (double rate : rates) {
                    double share = Math.min(0.5, 40.0 / (rate * 0.55));
                    phase(load, work, watchers, "fixed rate " + f0(rate) + "/s", () -> load.openLoop("fixed " + f0(rate),
                            rate, Duration.ofSeconds(rateSeconds), 1024, Duration.ofSeconds(10), randomSlot(work, share), (c, ok) -> registered(work, c, ok)), true);
                }
                PhaseResult saturation = phase(load, work, watchers, "saturation (" + clients + " clients)",
                        () -> load.closedLoop("saturation", clients, Duration.ofSeconds(saturationSeconds),
                                k -> work.next(k, 0), (c, ok) -> registered(work, c, ok)), true);
                if (targetRate > 0) {
                    phase(load, work, watchers, "fixed rate " + f0(targetRate) + "/s (target)", () -> load.openLoop(
                            "target " + f0(targetRate), targetRate, Duration.ofSeconds(targetSeconds), 1024, Duration.ofSeconds(5),
                            randomSlot(work, 0), (c, ok) -> registered(work, c, ok)), true);
                }
                headline(saturation, baseline);
            }
            rss("after load");
            if (rebuild) {
                rebuild();
            }
            if (compareDefault && durable) {
                notDurable(load, work);
            }
        } finally {
            sampling.set(false);
            sampler.join(3000);
            writeTables();
        }
    }

    // ---- set-up

    private void setUp(LoadGenerator load, BenchWorkload work) throws Exception {
        long t0 = System.nanoTime();
        List<Cmd> opens = new ArrayList<>();
        for (int i = 0; i < watchedCount; i++) {
            opens.add(work.openNegotiation(i, true));
        }
        for (int i = 0; i < negotiations; i++) {
            opens.add(work.openNegotiation(i, false));
        }
        runAll(load, opens, 32, work::negotiationOpened);
        report.log("set-up: %d negotiations opened in %.1f s", opens.size(), (System.nanoTime() - t0) / 1e9);
        BenchSystem.waitUntil(Duration.ofSeconds(120), () -> count("investment", "select count(*) from known_negotiations")
                >= opens.size(), "investment-service knows every negotiation");
        long t1 = System.nanoTime();
        List<Cmd> announcements = new ArrayList<>();
        for (int i = 0; i < investments; i++) {
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
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> sendWithRetry(load, c, attempt + 1));
            }
            return CompletableFuture.completedFuture(r);
        });
    }

    private Visibility.Watchers watch(BenchWorkload work) {
        BenchSystem.waitUntil(Duration.ofSeconds(120), () -> count("projection",
                "select count(*) from agreement_summary where generation = (select generation from projection_generation"
                        + " where state = 'ACTIVE')") >= work.negotiationCount(), "the projection has every negotiation");
        Visibility.Watchers watchers = new Visibility.Watchers(sys, work.watched);
        BenchSystem.waitUntil(Duration.ofSeconds(60), () -> watchers.connected() == work.watched.size(),
                "every SSE watcher got its first status");
        report.log("set-up: %d SSE watchers connected", watchers.connected());
        return watchers;
    }

    private static java.util.function.Supplier<Cmd> randomSlot(BenchWorkload work, double watchedShare) {
        return () -> work.next(java.util.concurrent.ThreadLocalRandom.current().nextInt(work.slots), watchedShare);
    }

    private static void registered(BenchWorkload work, Cmd c, boolean accepted) {
        work.done(c);
        if (accepted && c.creates() && c.streamType().equals("investment")) {
            work.investmentAnnounced(c);
        }
    }

    // ---- warm-up

    /**
     * Closed-loop load in 10 s rounds until the services' JIT compilers have settled (all three together use
     * less than {@code bench.jitSettledCores} cores in a round), after at least {@code bench.warmupSeconds} and
     * at most {@code bench.warmupMaxSeconds}: on two cores the C2 compiler of three Quarkus services competes
     * with the load for minutes, and what is measured should be the steady state.
     */
    private void warmUp(LoadGenerator load, BenchWorkload work, String label) {
        long start = System.nanoTime();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> rounds = new ArrayList<>();
        while (true) {
            Map<String, Map<String, Long>> before = serviceThreads();
            long t0 = System.nanoTime();
            PhaseResult r = load.closedLoop("warm-up", clients, Duration.ofSeconds(10), k -> work.next(k, 0),
                    (c, ok) -> registered(work, c, ok));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Map<String, Long>> after = serviceThreads();
            double jit = 0;
            double loops = 0;
            for (String svc : BenchSystem.SERVICES) {
                jit += (after.get(svc).get("JIT") - before.get(svc).get("JIT")) / CpuAccounting.TICKS_PER_SECOND / seconds;
                loops += (after.get(svc).get("event loops") - before.get(svc).get("event loops"))
                        / CpuAccounting.TICKS_PER_SECOND / seconds;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            report.log("warm-up (%s) %.0f s: %s accepted/s, p50 %s p99 %s ms, JIT %s cores, event loops %s cores, outcomes %s",
                    label, elapsed, f0(r.throughput()), ms(r.latency.getValueAtPercentile(50)),
                    ms(r.latency.getValueAtPercentile(99)), f2(jit), f2(loops), r.outcomeCounts());
            rows.add(List.of(f0(elapsed), f0(r.throughput()), ms(r.latency.getValueAtPercentile(50)),
                    ms(r.latency.getValueAtPercentile(99)), f2(jit), f2(loops)));
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("elapsedSeconds", elapsed);
            round.put("acceptedPerSecond", r.throughput());
            round.put("jitCores", jit);
            round.put("eventLoopCores", loops);
            round.put("latency", BenchReport.percentileMap(r.latency));
            rounds.add(round);
            if ((elapsed >= warmupSeconds && jit < jitSettledCores) || elapsed >= warmupMaxSeconds) {
                break;
            }
        }
        warmupRows.put(label, rows);
        report.putIn("warmup", label, rounds);
    }

    private final Map<String, List<List<String>>> warmupRows = new LinkedHashMap<>();

    // ---- phases

    private interface PhaseRun {
        PhaseResult run() throws Exception;
    }

    private PhaseResult phase(LoadGenerator load, BenchWorkload work, Visibility.Watchers watchers, String name,
            PhaseRun body, boolean measure) throws Exception {
        report.log("phase %s: start", name);
        Profiles.PgActivity pg = null;
        String slug = name.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        java.time.Instant begin = java.time.Instant.now();
        if (profile && measure) {
            pg = new Profiles.PgActivity(sys, 20);
        }
        ProjectionSummaries.Reading summariesBefore = ProjectionSummaries.read(sys);
        Map<String, Map<String, Long>> threadsBefore = serviceThreads();
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        PhaseResult r = body.run();
        Snapshot after = cpu.snapshot();
        Map<String, Map<String, Long>> threadsAfter = serviceThreads();
        Map<String, Long> pgAfter = CpuAccounting.postgresTicks(sys.postmasterPid());
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/" + slug + "-pg_stat_activity.txt"), pg.summary());
            java.time.Instant end = java.time.Instant.now();
            for (String svc : BenchSystem.SERVICES) {
                Path jfr = report.dir.resolve("profile/" + slug + "-" + svc + ".jfr");
                Profiles.jfrDump(sys.pid(svc), jfr, begin, end);
                Profiles.write(report.dir.resolve("profile/" + slug + "-" + svc + ".txt"), Profiles.summarize(jfr, 25));
            }
        }
        Map<String, Double> cores = CpuAccounting.cores(before, after);
        long[] spread = r.perSecondSpread();
        report.log("phase %s: %s accepted/s (per second min %d, median %d), latency p50 %s p99 %s p99.9 %s max %s ms, outcomes %s,"
                + " late sends %d, max in flight %d", name, f0(r.throughput()), spread[0], spread[1],
                ms(r.latency.getValueAtPercentile(50)), ms(r.latency.getValueAtPercentile(99)),
                ms(r.latency.getValueAtPercentile(99.9)), ms(r.latency.getMaxValue()), r.outcomeCounts(), r.lateSends,
                r.maxInFlight.get());
        if (!Double.isNaN(r.abandonedAfterSeconds)) {
            report.log("phase %s: NOT SUSTAINED: the generator fell more than its limit behind schedule and stopped"
                    + " after %.1f s of the schedule (%d sent)", name, r.abandonedAfterSeconds, r.sent);
        }
        report.log("phase %s: accepted by service %s", name, r.okByService);
        report.log("phase %s: CPU cores %s", name, cores.entrySet().stream()
                .map(e -> e.getKey() + "=" + f2(e.getValue())).collect(Collectors.joining(", ")));
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, Object> threadCores = new LinkedHashMap<>();
        for (String svc : BenchSystem.SERVICES) {
            Map<String, Long> a = threadsBefore.get(svc);
            Map<String, Long> b = threadsAfter.get(svc);
            if (a == null || b == null) {
                continue;
            }
            Map<String, Double> kinds = new LinkedHashMap<>();
            b.forEach((k, v) -> kinds.put(k, Math.max(0, v - a.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / seconds));
            threadCores.put(svc, kinds);
            List<String> trow = new ArrayList<>(List.of(name, svc));
            kinds.values().forEach(v -> trow.add(f2(v)));
            threadRows.add(trow);
        }
        report.log("phase %s: service CPU cores by thread kind %s", name, threadCores);
        Map<String, Double> pgCores = postgresCores(pgBefore, pgAfter, seconds);
        report.log("phase %s: postgres CPU cores by process %s", name, pgCores);
        pgRows.add(List.of(name, pgCores.entrySet().stream().map(e -> e.getKey() + " " + f2(e.getValue()))
                .collect(Collectors.joining(", "))));

        String mode = Double.isNaN(r.abandonedAfterSeconds) ? r.mode
                : r.mode + ", NOT SUSTAINED: stopped after " + f1(r.abandonedAfterSeconds) + " s of schedule";
        List<String> row = new ArrayList<>(List.of(name, mode, r.targetRate > 0 ? f0(r.targetRate) : "–",
                r.targetRate > 0 ? "≤ 1024 in flight" : Integer.toString(r.clients), f0(r.throughput()),
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
        j.put("postgresCpuCoresByProcess", pgCores);

        if (measure) {
            Visibility.Result facts = new Visibility(sys).fromFacts(r.accepted, Duration.ofSeconds(120));
            List<Accepted> watchedOnes = r.accepted.stream().filter(Accepted::watched).toList();
            Visibility.Result sse = watchers.latency(r.accepted);
            report.log("phase %s: command → projection (fact applied_at) n=%d missing=%d p50 %s p99 %s p99.9 %s max %s ms;"
                    + " SSE sample n=%d (watched commands %d) missing=%d p50 %s p99 %s max %s ms", name, facts.measured(),
                    facts.missing(), ms(facts.latency().getValueAtPercentile(50)), ms(facts.latency().getValueAtPercentile(99)),
                    ms(facts.latency().getValueAtPercentile(99.9)), ms(facts.latency().getMaxValue()), sse.measured(),
                    watchedOnes.size(), sse.missing(), ms(sse.latency().getValueAtPercentile(50)),
                    ms(sse.latency().getValueAtPercentile(99)), ms(sse.latency().getMaxValue()));
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
        }
        summaries(name, summariesBefore, j);
        report.putIn("phases", name, j);
        return r;
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
    private static Map<String, Double> postgresCores(Map<String, Long> before, Map<String, Long> after, double seconds) {
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
        return r.outcomeCounts().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    // ---- pgbench

    private PgBaseline pgbench(boolean durableRun) throws Exception {
        PgBaseline b = new PgBaseline(sys);
        report.log("pgbench: %s", b.tool());
        b.prepare(64, 50);
        String payload;
        try (Connection c = sys.jdbc("negotiation"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select payload::text from es_events where event_type = 'LeadersMet' limit 1")) {
            rs.next();
            payload = rs.getString(1);
        }
        b.writeScripts(payload, 50);
        report.putIn("pgbench", "tool", b.tool());
        report.putIn("pgbench", "payloadBytes", payload.length());
        Snapshot before = cpu.snapshot();
        List<Object[]> plan = List.of(
                new Object[] { "raw-c8", "event + outbox insert, 1 event/tx", "raw.sql", 8, 1 },
                new Object[] { "raw-c64", "event + outbox insert, 1 event/tx", "raw.sql", 64, 1 },
                new Object[] { "batch100-c8", "event + outbox insert, 100 events/tx", "batch100.sql", 8, 100 },
                new Object[] { "escore-c40", "es-core's command in the database: read the events after the kept version, append as one statement (claim + event + outbox), 1 event/tx", "escore.sql", 40, 1 },
                new Object[] { "escore-v1-c40", "es-core's first shape: whole stream read, BEGIN, claim, event + outbox with pg_notify, COMMIT", "escore-v1.sql", 40, 1 });
        for (Object[] p : plan) {
            PgBaseline.Run r = b.run((String) p[0], (String) p[1], (String) p[2], (Integer) p[3], pgbenchSeconds, durableRun,
                    (Integer) p[4]);
            report.log("pgbench %s (%s, %d clients, durable=%s): %s tx/s = %s events/s, latency avg %s ms",
                    r.name(), r.description(), r.clients(), durableRun, f0(r.tps()), f0(r.eventsPerSecond()),
                    f2(r.latencyAvgMs()));
        }
        Map<String, Double> cores = CpuAccounting.cores(before, cpu.snapshot());
        report.log("pgbench: CPU cores %s", cores);
        pgbenchRuns.addAll(b.runs);
        return b;
    }

    private final List<PgBaseline.Run> pgbenchRuns = new ArrayList<>();

    private double rawSingleAppend(boolean durableRun) {
        return pgbenchRuns.stream().filter(r -> r.durable() == durableRun && r.name().startsWith("raw-"))
                .mapToDouble(PgBaseline.Run::eventsPerSecond).max().orElse(Double.NaN);
    }

    private void headline(PhaseResult saturation, PgBaseline baseline) {
        double raw = rawSingleAppend(durable);
        headline.put("durableCommandsPerSecond", saturation.throughput());
        headline.put("rawSingleAppendPerSecond", raw);
        headline.put("ratio", saturation.throughput() / raw);
        report.log("headline: %s durable commands/s at saturation vs raw single append %s/s (%s)",
                f0(saturation.throughput()), f0(raw), ratio(saturation.throughput(), raw));
    }

    // ---- rebuild

    private void rebuild() throws Exception {
        long topicEvents = topicEvents();
        long factsBefore = count("projection", "select count(*) from fact where generation = (select generation from"
                + " projection_generation where state = 'ACTIVE')");
        report.log("rebuild: %d records on the topics, %d facts in the active generation", topicEvents, factsBefore);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        java.time.Instant begin = java.time.Instant.now();
        Profiles.PgActivity pg = profile ? new Profiles.PgActivity(sys, 20) : null;
        Map<String, Long> projectionThreadsBefore = CpuAccounting.threadTicks(sys.pid("projection-service"));
        Map<String, Long> pgBefore = CpuAccounting.postgresTicks(sys.postmasterPid());
        Snapshot before = cpu.snapshot();
        long t0 = System.nanoTime();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(sys.url("projection-service",
                "/admin/rebuild"))).header("Authorization", "Bearer " + sys.recorderToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild not started: " + started.statusCode() + " " + started.body());
        }
        int generation = JSON.readTree(started.body()).path("generation").asInt();
        JsonNode status;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sys.url("projection-service", "/admin/rebuild")))
                    .header("Authorization", "Bearer " + sys.analystToken).GET().build(), HttpResponse.BodyHandlers.ofString());
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
        Map<String, Double> projectionThreads = new LinkedHashMap<>();
        projectionThreadsAfter.forEach((k, v) -> projectionThreads.put(k, Math.round(Math.max(0, v
                - projectionThreadsBefore.getOrDefault(k, 0L)) / CpuAccounting.TICKS_PER_SECOND / clientSeconds * 1000) / 1000.0));
        Map<String, Double> pgCores = postgresCores(pgBefore, pgAfter, clientSeconds);
        report.log("rebuild: projection-service CPU cores by thread kind %s; postgres by process %s", projectionThreads, pgCores);
        if (pg != null) {
            pg.close();
            Profiles.write(report.dir.resolve("profile/rebuild-pg_stat_activity.txt"), pg.summary());
            Path jfr = report.dir.resolve("profile/rebuild-projection-service.jfr");
            Profiles.jfrDump(sys.pid("projection-service"), jfr, begin, java.time.Instant.now());
            Profiles.write(report.dir.resolve("profile/rebuild-projection-service.txt"), Profiles.summarize(jfr, 25));
        }
        long applied = status.path("eventsApplied").asLong();
        long transactions = status.path("transactions").asLong();
        double serverSeconds = Duration.between(OffsetDateTime.parse(status.path("createdAt").asText()),
                OffsetDateTime.parse(status.path("activatedAt").asText())).toNanos() / 1e9;
        report.log("rebuild: generation %d ACTIVE, %d events in %d transactions, server %.2f s (%s events/s), client %.2f s"
                + " (%s events/s); CPU %s", generation, applied, transactions, serverSeconds, f0(applied / serverSeconds),
                clientSeconds, f0(applied / clientSeconds), cores);
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
        rebuildRow = List.of(Long.toString(applied), Long.toString(transactions), f2(serverSeconds), f0(applied / serverSeconds),
                f2(clientSeconds), f0(applied / clientSeconds), f2(cores.get("projection-service")), f2(cores.get("postgres")),
                f2(cores.get("kafka")));
    }

    private List<String> rebuildRow;

    private long topicEvents() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sys.bootstrap());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of("tracker.negotiation.events", "tracker.investment.events")) {
                for (PartitionInfo pi : c.partitionsFor(topic)) {
                    tps.add(new TopicPartition(topic, pi.partition()));
                }
            }
            long end = c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            long begin = c.beginningOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            return end - begin;
        }
    }

    // ---- a PostgreSQL that is not durable, for comparison

    private void notDurable(LoadGenerator load, BenchWorkload work) throws Exception {
        report.log("not durable: PostgreSQL restarted with fsync and synchronous_commit off,"
                + " services restarted");
        for (String svc : BenchSystem.SERVICES) {
            sys.stopService(svc);
        }
        sys.stopPostgres();
        sys.startPostgres(false);
        databaseFacts("not durable");
        for (String svc : BenchSystem.SERVICES) {
            BenchSystem.Startup st = sys.startService(svc, jvmArgs());
            report.log("restarted %s in %.0f ms (Quarkus: %ss), RSS %d MB", svc, st.readyMillis(), st.quarkusStartedSeconds(),
                    st.rssKbAtReady() / 1024);
        }
        warmUp(load, work, "not durable");
        PhaseResult r = phase(load, work, null, "saturation, not durable: fsync/synchronous_commit off (" + clients + " clients)",
                () -> load.closedLoop("saturation-async", clients, Duration.ofSeconds(saturationSeconds),
                        k -> work.next(k, 0), (c, ok) -> registered(work, c, ok)), false);
        PgBaseline b = new PgBaseline(sys);
        for (Object[] p : List.<Object[]>of(new Object[] { "raw-c8-async", "raw.sql", 8, 1 },
                new Object[] { "raw-c64-async", "raw.sql", 64, 1 },
                new Object[] { "escore-c40-async", "escore.sql", 40, 1 })) {
            PgBaseline.Run run = b.run((String) p[0], "not durable (fsync, synchronous_commit off)", (String) p[1], (Integer) p[2],
                    Math.max(5, pgbenchSeconds * 2 / 3), false, (Integer) p[3]);
            report.log("pgbench %s: %s tx/s, latency avg %s ms", run.name(), f0(run.tps()), f2(run.latencyAvgMs()));
        }
        pgbenchRuns.addAll(b.runs);
        double raw = rawSingleAppend(false);
        headline.put("asyncCommandsPerSecond", r.throughput());
        headline.put("asyncRawSingleAppendPerSecond", raw);
        report.log("not durable: %s commands/s vs raw %s/s (%s)", f0(r.throughput()), f0(raw), ratio(r.throughput(), raw));
        rss("after synchronous_commit=off phases");
    }

    // ---- memory, machine, database

    private Thread rssSampler(AtomicBoolean running) {
        Thread t = new Thread(() -> {
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
        }, "rss-sampler");
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
    }

    private void machine(String when) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("?"));
        m.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        m.put("os", Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME"))
                .findFirst().orElse("?"));
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.quietWaitSeconds", 300));
        double load;
        while ((load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0])) >= limit
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
        try (Connection c = sys.jdbc("negotiation"); Statement s = c.createStatement()) {
            for (String setting : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method",
                    "commit_delay", "shared_buffers", "max_connections", "wal_level", "full_page_writes")) {
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
        try (Connection c = sys.jdbc(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
    }

    // ---- the report's tables

    private void writeTables() {
        report.heading("Headline");
        headline.forEach((k, v) -> report.line("- " + k + ": " + (v instanceof Double d ? f2(d) : v)));
        report.put("headline", headline);

        report.heading("Start-up and memory");
        List<List<String>> rows = new ArrayList<>();
        for (BenchSystem.Startup s : sys.startups) {
            rows.add(List.of(s.service(), Integer.toString(s.attempt()), f0(s.readyMillis()),
                    s.quarkusStartedSeconds() == null ? "?" : f2(s.quarkusStartedSeconds()), Long.toString(s.rssKbAtReady() / 1024)));
        }
        report.table(List.of("service", "start #", "process start → ready 200 (ms)", "Quarkus \"started in\" (s)",
                "RSS at ready (MB)"), rows);
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
        report.line("RSS in MB (VmRSS of /proc/<pid>/status); services run with " + BenchSystem.SERVICE_HEAP + ".");
        report.line("");
        report.table(header, rows);
        report.put("rssMb", rssAt);
        report.put("peakRssKb", peakRss);

        warmupRows.forEach((label, wrows) -> {
            report.heading("Warm-up, " + label + " (closed loop, " + clients + " clients, 10 s rounds until the JIT settles)");
            report.table(List.of("elapsed s", "accepted/s", "p50 ms", "p99 ms", "JIT cores (3 services)",
                    "event-loop cores (3 services)"), wrows);
        });

        report.heading("pgbench on the same PostgreSQL");
        rows = new ArrayList<>();
        for (PgBaseline.Run r : pgbenchRuns) {
            rows.add(List.of(r.name(), r.description(), Integer.toString(r.clients()), r.durable() ? "on" : "off",
                    f0(r.tps()), f0(r.eventsPerSecond()), f2(r.latencyAvgMs())));
        }
        report.table(List.of("run", "shape", "clients", "durable (fsync + synchronous_commit on)", "tx/s", "events/s",
                "latency avg (ms)"), rows);
        report.put("pgbenchRuns", pgbenchRuns);

        report.heading("Commands (client side; open loop measured from each command's due time)");
        report.table(List.of("phase", "mode", "target/s", "clients", "accepted/s", "per-second min/median/max",
                "p50 ms", "p99 ms", "p99.9 ms", "max ms", "outcomes"), phaseRows);
        report.heading("Command → visible in the projection");
        report.table(List.of("phase", "accepted/s", "commands measured (fact applied_at)", "p50 ms", "p99 ms", "p99.9 ms",
                "max ms", "SSE sample n", "SSE p50 ms", "SSE p99 ms", "SSE max ms"), e2eRows);
        if (!summaryRows.isEmpty()) {
            report.heading("Projection summaries: kept facts vs store");
            report.line("Agreement summary rows the projection's live batches recomputed in each phase, from the facts it"
                    + " keeps in memory or read back from the store (`projection_summaries_refreshed_total{facts=\"kept\"}`"
                    + " and `{facts=\"store\"}`, counted until the phase's commands were visible; the not-durable"
                    + " saturation: until its load ended), and the facts kept at the phase's end (`projection_kept_facts`)."
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
            report.table(List.of("phase", "service", "event loops", "JIT", "GC", "kafka", "worker", "other"), threadRows);
        }
        if (!pgRows.isEmpty()) {
            report.heading("PostgreSQL CPU by process (cores; client backends by database)");
            report.table(List.of("phase", "cores"), pgRows);
        }
        if (rebuildRow != null) {
            report.heading("Projection rebuild");
            report.table(List.of("events", "transactions", "server s", "events/s (server)", "client s", "events/s (client)",
                    "projection cores", "postgres cores", "kafka cores"), List.of(rebuildRow));
        }
    }
}
