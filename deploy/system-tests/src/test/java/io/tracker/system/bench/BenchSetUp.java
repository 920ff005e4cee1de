package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;
import static io.tracker.system.bench.BenchReport.f2;
import static io.tracker.system.bench.LoadPhases.randomSlot;
import static io.tracker.system.bench.LoadPhases.registered;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tracker.system.bench.BenchWorkload.Cmd;

/**
 * The run's set-up (negotiations opened, investments announced, the SSE watchers connected) and its warm-up
 * ({@link WarmUp}) until the services' JIT compilers have settled.
 */
final class BenchSetUp {
    private final BenchRun run;
    private final BenchProfile p;
    private final BenchReport report;
    private final BenchSystem sys;
    private final int clients;

    BenchSetUp(BenchRun run) {
        this.run = run;
        this.p = run.p();
        this.report = run.report();
        this.sys = run.sys();
        this.clients = run.clients();
    }

    void setUp(LoadGenerator load, BenchWorkload work) throws Exception {
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
                () -> run.count("investment", "select count(*) from known_negotiations") >= opens.size(),
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

    Visibility.Watchers watch(BenchWorkload work) {
        BenchSystem.waitUntil(
                Duration.ofSeconds(120),
                () -> run.count(
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

    /**
     * The warm-up ({@link WarmUp}): closed-loop rounds (the command paths) until the services' JIT compilers have
     * settled, after at least {@code bench.warmupSeconds} and at most {@code bench.warmupMaxSeconds}; then
     * open-loop rounds at {@code bench.warmupReadRate} with the fixed-rate phases' watched share (SSE pushes,
     * polling readers: the read paths) until they settle again, after at least {@code bench.warmupReadSeconds} and
     * at most {@code bench.warmupReadMaxSeconds}: on two cores the C2 compiler of three Quarkus services competes
     * with the load for minutes, and what is measured should be the steady state.
     */
    void warmUp(LoadGenerator load, BenchWorkload work, String label) {
        WarmUp w = new WarmUp(
                report, () -> PhaseCpu.serviceThreads(sys), () -> PhaseCpu.serviceJit(sys), run.jitSettledCores());
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
        run.tables().warmupRows.put(label, w.rows);
        report.putIn("warmup", label, w.rounds);
    }
}
