package io.tracker.system.bench;

import static io.tracker.system.bench.BenchReport.f0;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.tracker.system.bench.BenchWorkload.Cmd;
import io.tracker.system.bench.LoadGenerator.Accepted;
import io.tracker.system.bench.LoadGenerator.PhaseResult;
import io.tracker.system.bench.PhaseRunner.Measure;
import io.tracker.system.bench.PhaseRunner.PhaseOutcome;

/**
 * The measured load phases, each run by {@link PhaseRunner}: the fixed rates (open loop), saturation, the
 * concurrency and streams curves (closed loop), short vs long streams, and the burst; their figures go to
 * {@link TopLevel}.
 */
final class LoadPhases {
    private final BenchProfile p;
    private final BenchReport report;
    private final TopLevel top;
    private final PhaseRunner phases;
    private final int clients;

    LoadPhases(BenchRun run, PhaseRunner phases) {
        this.p = run.p();
        this.report = run.report();
        this.top = run.top();
        this.phases = phases;
        this.clients = run.clients();
    }

    /** Open loop at each of the profile's fixed rates ({@code bench.rates}). */
    void fixedRates(Measure m) throws Exception {
        LoadGenerator load = m.load();
        BenchWorkload work = m.work();
        int w = p.windows();
        for (double rate : p.rates()) {
            double share = fixedRateShare(p.readers(), rate);
            String key = Long.toString(Math.round(rate));
            PhaseOutcome o = phases.phase(
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
    }

    /**
     * The share of a fixed-rate phase's commands sent to watched negotiations: {@link WarmUp#watchedShare}, or none
     * without readers ({@code bench.readers=false}: no SSE push, no polling reader, the commands' own cost).
     */
    static double fixedRateShare(boolean readers, double rate) {
        return readers ? WarmUp.watchedShare(rate) : 0;
    }

    /** Closed loop with {@code bench.clients} clients: the saturation rate. */
    PhaseOutcome saturation(Measure m) throws Exception {
        PhaseOutcome saturation = closedLoopPhase(
                m, "saturation (" + clients + " clients)", "saturation", clients, p.saturationWindowSeconds());
        top.saturation = saturation.figures();
        return saturation;
    }

    /** Closed loop at each of the profile's numbers of clients ({@code bench.concurrency}). */
    void concurrency(Measure m) throws Exception {
        for (int n : p.concurrency()) {
            PhaseOutcome o = closedLoopPhase(
                    m, "concurrency " + n + " clients", "concurrency " + n, n, p.concurrencyWindowSeconds());
            top.concurrency.put(n, o.figures());
        }
    }

    /** Closed loop on each of the profile's numbers of streams ({@code bench.streams}). */
    void streams(Measure m) throws Exception {
        BenchWorkload work = m.work();
        for (int n : p.streams()) {
            work.scope(new BenchWorkload.Scope(n, false));
            int used = Math.min(n, work.streamCount());
            PhaseOutcome o = closedLoopPhase(
                    m,
                    "streams " + n + " (" + used + " existing, " + clients + " clients)",
                    "streams " + n,
                    clients,
                    p.streamsWindowSeconds());
            top.streams.put(n, o.figures());
        }
    }

    /**
     * Long streams: the reserved streams grown to {@code bench.longEvents}+ events each (not measured), then the
     * same closed loop ({@code bench.longClients} clients) once on ordinary streams and once on the long ones only:
     * the CPU per command of the two must be the same if a command's cost does not grow with its stream.
     */
    void longStreams(Measure m) throws Exception {
        LoadGenerator load = m.load();
        BenchWorkload work = m.work();
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
        work.scope(BenchWorkload.Scope.ALL);
        top.shortStreams = closedLoopPhase(
                        m,
                        "short streams (" + p.longClients() + " clients)",
                        "short streams",
                        p.longClients(),
                        p.longWindowSeconds())
                .figures();
        work.scope(new BenchWorkload.Scope(0, true));
        top.longStreams = closedLoopPhase(
                        m,
                        "long streams, " + top.longStreamMinEvents + "+ events (" + p.longClients() + " clients)",
                        "long streams",
                        p.longClients(),
                        p.longWindowSeconds())
                .figures();
        work.scope(BenchWorkload.Scope.ALL);
    }

    /**
     * A measured closed-loop phase: {@code clientCount} clients on the workload's current scope, each sending its next
     * command as soon as the last one is answered, for {@code windowSeconds} per window of the profile.
     */
    private PhaseOutcome closedLoopPhase(Measure m, String label, String name, int clientCount, int windowSeconds)
            throws Exception {
        LoadGenerator load = m.load();
        BenchWorkload work = m.work();
        int w = p.windows();
        return phases.phase(
                m,
                label,
                () -> load.closedLoop(
                        name,
                        clientCount,
                        Duration.ofSeconds((long) windowSeconds * w),
                        w,
                        k -> work.next(k, 0),
                        (c, r) -> registered(work, c, r)),
                true);
    }

    /**
     * A burst at twice the saturation rate for {@code bench.burstSeconds}, then how long until every command of it
     * is visible in the projection (the projection's lag back to zero), measured from the burst's end.
     */
    void burst(Measure m, double saturationRate) throws Exception {
        LoadGenerator load = m.load();
        BenchWorkload work = m.work();
        double rate = Math.max(10, 2 * saturationRate);
        long[] endWall = new long[1];
        PhaseOutcome o = phases.phase(
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

    static java.util.function.Supplier<Cmd> randomSlot(BenchWorkload work, double watchedShare) {
        return () -> work.next(java.util.concurrent.ThreadLocalRandom.current().nextInt(work.slots), watchedShare);
    }

    static void registered(BenchWorkload work, Cmd c, LoadGenerator.Reply r) {
        boolean accepted = r != null && r.ok();
        // an answer's ETag (a 412 carries the current version) is the version this client saw last
        work.done(c, r != null && r.etag() != null ? LoadGenerator.etag(r.etag()) : -1);
        if (accepted && c.creates() && c.streamType().equals("investment")) {
            work.investmentAnnounced(c);
        }
    }
}
