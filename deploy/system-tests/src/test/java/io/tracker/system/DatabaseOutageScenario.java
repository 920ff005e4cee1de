package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Scenarios 3 and 6: PostgreSQL goes away under load, stopped (a fast shutdown) or crashed ({@link
 * SystemUnderTest#crashPostgres}: the postmaster and its server processes killed at once), and comes back; every
 * refusal meanwhile is a 503 problem+json with Retry-After, the services recover without a restart, and every
 * accepted command is projected once.
 */
final class DatabaseOutageScenario {
    private final SystemUnderTest sut;
    private final Accounting accounting;
    private final String prefix;
    private final boolean crash;

    private DatabaseOutageScenario(SystemUnderTest sut, String prefix, boolean crash) {
        this.sut = sut;
        this.accounting = new Accounting(sut);
        this.prefix = prefix;
        this.crash = crash;
    }

    /** Scenario 3: PostgreSQL stopped (SIGTERM, a fast shutdown). */
    static DatabaseOutageScenario stopped(SystemUnderTest sut) {
        return new DatabaseOutageScenario(sut, "s3-", false);
    }

    /** Scenario 6: PostgreSQL crashed (SIGKILL). */
    static DatabaseOutageScenario crashed(SystemUnderTest sut) {
        return new DatabaseOutageScenario(sut, "s6-", true);
    }

    static ReliabilityReport.Scenario stoppedDescribedIn(ReliabilityReport report) {
        return report.scenario(
                "3",
                "PostgreSQL stopped under load, then started",
                "3 client threads send negotiation commands and 1 thread announces and commits investments (linked to a "
                        + "negotiation investment-service already knows); after 3 s table locks hold the next "
                        + "statements in flight for 0.5 s and the PostgreSQL process is stopped (SIGTERM: a fast shutdown, "
                        + "which ends the sessions mid-query), the services stay up; 5 s later it is started again. A refused "
                        + "command is retried by its client every 200 ms with the same Idempotency-Key. Then: every "
                        + "refusal was a 503 problem+json with Retry-After, the services answered again without a "
                        + "restart, nothing is half-written, every accepted command is projected once.");
    }

    static ReliabilityReport.Scenario crashedDescribedIn(ReliabilityReport report) {
        return report.scenario(
                "6",
                "PostgreSQL crashed (SIGKILL) under load, then started",
                "The load of scenario 3; after 3 s table locks hold the next statements in flight for 0.5 s and "
                        + "PostgreSQL crashes: the postmaster and all its server processes are killed with SIGKILL at "
                        + "once, so nothing is checkpointed and the projection's last transactions, committed without "
                        + "waiting for their WAL flush (with the positions they applied), may be lost; 5 s later it is "
                        + "started again (crash recovery). A refused command is retried by its client every 200 ms with "
                        + "the same Idempotency-Key. Then: every refusal was a 503 problem+json with Retry-After, the "
                        + "services answered again without a restart, nothing is half-written, every accepted command "
                        + "is projected once (a projection that lost applies reads those records again from its "
                        + "positions in the database).");
    }

    void run(ReliabilityReport.Scenario s) throws Exception {
        CommandLoad setup = CommandLoad.negotiations(sut, prefix, Duration.ZERO, 1);
        String anchor = prefix + "anchor";
        if (!setup.send(Commands.open(anchor), UUID.randomUUID().toString())) {
            fail("cannot open " + anchor + ": " + setup.rejections());
        }
        Eventually.until(
                Duration.ofSeconds(60),
                () -> sut.get("investment-service", "/known-negotiations/" + anchor, sut.recorderToken)
                                .statusCode()
                        == 200,
                "investment-service knows " + anchor);
        long negotiationPid = sut.servicePid("negotiation-service");
        long investmentPid = sut.servicePid("investment-service");
        try (CommandLoad negotiations = CommandLoad.negotiations(sut, prefix + "n", Duration.ofMillis(40), 5);
                CommandLoad investments = new CommandLoad(
                        sut,
                        prefix + "i",
                        Duration.ofMillis(80),
                        2,
                        (id, n) -> n == 0 ? Commands.announceInvestment(id, anchor) : Commands.commitInvestment(id))) {
            negotiations.start(3);
            investments.start(1);
            Timing.pause(Duration.ofSeconds(3));
            List<CommandLoad> loads = List.of(negotiations, investments);
            // the outage must also hit queries in flight, not only new connections: table locks hold the next
            // commands' statements (the event store's and the known-negotiations view's) until the server stops
            loads.forEach(l -> l.phase("database down"));
            long down = System.nanoTime();
            List<java.sql.Connection> locks = List.of(
                    lock("negotiation", "lock table es_streams, es_events in access exclusive mode"),
                    lock("investment", "lock table known_negotiations in access exclusive mode"));
            Timing.pause(Duration.ofMillis(500));
            long stopping = System.nanoTime();
            if (crash) {
                sut.crashPostgres();
            } else {
                sut.stopPostgres();
            }
            long stopped = System.nanoTime();
            locks.forEach(DatabaseOutageScenario::closeQuietly);
            Timing.pause(Duration.ofSeconds(2));
            int readyDuringOutage =
                    sut.get("negotiation-service", "/q/health/ready", null).statusCode();
            Timing.pause(Duration.ofSeconds(3));
            loads.forEach(l -> l.phase("database starting"));
            long restart = System.nanoTime();
            sut.startPostgres();
            long up = System.nanoTime();
            loads.forEach(l -> l.phase("after"));
            for (String service : List.of("negotiation-service", "investment-service", "projection-service")) {
                Eventually.until(
                        Duration.ofSeconds(60),
                        () -> sut.get(service, "/q/health/ready", null).statusCode() == 200,
                        service + " ready again");
            }
            long ready = System.nanoTime();
            Eventually.until(
                    Duration.ofSeconds(60),
                    () -> Answers.countOk(negotiations, "after") >= 10 && Answers.countOk(investments, "after") >= 2,
                    "commands accepted again after the database came back");
            long accepting = System.nanoTime();
            loads.forEach(l -> l.stop(Duration.ofSeconds(30)));

            List<String> failures = new ArrayList<>();
            if (sut.servicePid("negotiation-service") != negotiationPid
                    || sut.servicePid("investment-service") != investmentPid
                    || !sut.serviceAlive("negotiation-service")
                    || !sut.serviceAlive("investment-service")) {
                failures.add("a command service did not survive the database outage");
            }
            List<CommandLoad.Answer> all = new ArrayList<>();
            loads.forEach(l -> all.addAll(l.answers()));
            List<CommandLoad.Answer> refusals =
                    all.stream().filter(a -> !a.ok()).toList();
            List<CommandLoad.Answer> proper =
                    refusals.stream().filter(Answers::isRetryable503).toList();
            Map<String, Long> improper = refusals.stream()
                    .filter(a -> !Answers.isRetryable503(a))
                    .collect(Collectors.groupingBy(
                            a -> a.status() + " " + a.service() + " " + a.label() + " "
                                    + CommandLoad.abbreviate(a.body())
                                            .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>"),
                            LinkedHashMap::new,
                            Collectors.counting()));
            List<Long> latencies =
                    proper.stream().map(CommandLoad.Answer::micros).sorted().toList();
            s.note(String.format(
                    Locale.ROOT,
                    "database unavailable %.1f s (locks 0.5 s, stop %.1f s, start %.1f s); "
                            + "services ready again %.1f s and accepting commands %.1f s after it was up; no restart",
                    Timing.seconds(up - down),
                    Timing.seconds(stopped - stopping),
                    Timing.seconds(up - restart),
                    Timing.seconds(ready - up),
                    Timing.seconds(accepting - up)));
            s.note(refusals.size() + " refusals in " + all.size() + " attempts: " + proper.size()
                    + " were 503 problem+json with Retry-After; " + (refusals.size() - proper.size()) + " were not"
                    + (improper.isEmpty() ? "" : " " + improper));
            if (!latencies.isEmpty()) {
                s.note(String.format(
                        Locale.ROOT,
                        "503 answered in p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                        Timing.percentile(latencies, 50) / 1000.0,
                        Timing.percentile(latencies, 99) / 1000.0,
                        latencies.get(latencies.size() - 1) / 1000.0));
            }
            if (!proper.isEmpty()) {
                s.note("slowest refusals: "
                        + proper.stream()
                                .sorted(java.util.Comparator.comparingLong(CommandLoad.Answer::micros)
                                        .reversed())
                                .limit(3)
                                .map(a -> String.format(
                                        Locale.ROOT, "%.0f ms (%s, %s)", a.micros() / 1000.0, a.label(), a.phase()))
                                .collect(Collectors.joining(", ")));
            }
            s.note("negotiation-service readiness during the outage: HTTP " + readyDuringOutage);
            if (proper.isEmpty()) {
                failures.add("no command was refused with 503 while the database was down");
            }
            if (!improper.isEmpty()) {
                failures.add("refusals that are not a 503 problem+json with Retry-After: " + improper);
            }
            int unfinished = negotiations.unfinished() + investments.unfinished();
            if (unfinished > 0 || negotiations.rejected() + investments.rejected() > 0) {
                failures.add(unfinished + " commands never accepted; rejected: " + negotiations.rejections()
                        + investments.rejections());
            }
            accounting.account(s, prefix, List.of(setup, negotiations, investments), failures);
        }
    }

    /** A connection holding a lock in an open transaction (ended by the database's shutdown). */
    private java.sql.Connection lock(String database, String sql) throws java.sql.SQLException {
        java.sql.Connection c = Ledger.connect(sut, database);
        c.setAutoCommit(false);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return c;
    }

    private static void closeQuietly(java.sql.Connection c) {
        try {
            c.close();
        } catch (java.sql.SQLException | RuntimeException e) {
            // the server is gone: nothing to close
        }
    }
}
