package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The faults of the reliability issue, with real processes, on one system started once (Kafka and PostgreSQL in
 * processes of their own, the three services from their jars): a broker outage, a SIGKILL of the projection,
 * a database outage, two writers with the same expected version, poison records. Each scenario writes streams
 * of its own (prefix {@code s<n>-}), counts sent / accepted / stored / published / projected / lost / duplicated
 * independently, asserts that nothing is lost or duplicated, and reports the counts (see {@link ReliabilityReport}:
 * always {@code target/RELIABILITY.md}; {@code docs/RELIABILITY.md} with {@code -Dreliability.write-docs=true}).
 * A scenario starts by bringing back whatever an earlier failed one left stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String POISON_HEADER = "x-system-test-poison";

    private final ReliabilityReport report = new ReliabilityReport();
    private SystemUnderTest sut;
    private long suiteStart;

    interface Body {
        void run(ReliabilityReport.Scenario r) throws Exception;
    }

    @BeforeAll
    void startTheSystem() throws Exception {
        suiteStart = System.nanoTime();
        sut = new SystemUnderTest("faults");
        sut.startAll();
        report.bootTime(Duration.ofNanos(System.nanoTime() - suiteStart));
    }

    @AfterAll
    void stopTheSystem() {
        if (sut != null) {
            sut.close();
        }
        if (ReliabilityReport.writeDocsRequested()) {
            report.writeDocs(Duration.ofNanos(System.nanoTime() - suiteStart));
        }
    }

    private void scenario(ReliabilityReport.Scenario r, Body body) throws Exception {
        try {
            sut.ensureAllUp();
            body.run(r);
            r.passed();
        } catch (Exception | Error e) {
            r.failed(e);
            throw e;
        } finally {
            report.appendToTarget(r);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void brokerStoppedWhileCommandsKeepComing() throws Exception {
        var r = report.scenario(
                "1",
                "Kafka broker stopped under load, then started",
                "3 client threads send commands (open a negotiation, then leaders' meetings and talks; 6 commands a "
                        + "negotiation, then the next) to negotiation-service; after 3 s the Kafka process is stopped "
                        + "(SIGTERM), the threads keep sending for 6 s, the broker is started again, they send 3 s more. "
                        + "Then: every accepted command's events are stored, published and projected, once.");
        scenario(r, s -> {
            try (CommandLoad load = CommandLoad.negotiations(sut, "s1-", Duration.ofMillis(50), 6)) {
                load.start(3);
                pause(Duration.ofSeconds(3));
                load.phase("broker down");
                long down = System.nanoTime();
                sut.stopKafka();
                long stopped = System.nanoTime();
                pause(Duration.ofSeconds(6));
                long waiting = Ledger.unpublished(sut, "negotiation");
                load.phase("broker starting");
                long restart = System.nanoTime();
                sut.startKafka();
                long up = System.nanoTime();
                load.phase("after");
                pause(Duration.ofSeconds(3));
                load.stop(Duration.ofSeconds(30));

                int acceptedWhileDown = countOk(load, "broker down") + countOk(load, "broker starting");
                s.note(String.format(
                        Locale.ROOT,
                        "broker unavailable %.1f s (stop took %.1f s, start %.1f s)",
                        seconds(up - down),
                        seconds(stopped - down),
                        seconds(up - restart)));
                s.note(acceptedWhileDown + " commands accepted while the broker was down or starting");
                s.note(waiting + " events waiting for publication just before the broker was started again");
                List<String> failures = new ArrayList<>();
                if (acceptedWhileDown == 0) {
                    failures.add("no command was accepted while the broker was down");
                }
                nonOk(load, failures, "while the broker is down commands are still accepted");
                Set<UUID> whileDown = eventIds(load, Set.of("broker down", "broker starting"));
                Ledger.Projected projected = account(s, "s1-", List.of(load), failures);
                Set<UUID> missing = new HashSet<>(whileDown);
                missing.removeAll(projected.ids());
                s.note(whileDown.size() + " events of the commands accepted while the broker was down or starting: "
                        + (whileDown.size() - missing.size()) + " projected");
                if (!missing.isEmpty()) {
                    fail(missing.size() + " events accepted while the broker was down are not projected");
                }
            }
        });
    }

    @Test
    @Order(2)
    void projectionKilledMidStream() throws Exception {
        var r = report.scenario(
                "2",
                "projection-service killed (SIGKILL) mid-stream, then started",
                "3 client threads send commands to negotiation-service; after 3 s the projection service is killed with "
                        + "SIGKILL while it applies them, the threads keep sending for 4 s, the service is started again "
                        + "from its jar, they send 2 s more. Then: the projection caught up, every event once, and each "
                        + "negotiation's projected version and event count equal what negotiation-service accepted.");
        scenario(r, s -> {
            try (CommandLoad load = CommandLoad.negotiations(sut, "s2-", Duration.ofMillis(50), 6)) {
                load.start(3);
                pause(Duration.ofSeconds(3));
                int appliedBefore = Ledger.factRows(sut, "s2-").size();
                long oldPid = sut.servicePid("projection-service");
                load.phase("projection killed");
                long killed = System.nanoTime();
                sut.killService("projection-service");
                pause(Duration.ofSeconds(4));
                load.phase("projection starting");
                sut.startService("projection-service");
                long ready = System.nanoTime();
                load.phase("after");
                pause(Duration.ofSeconds(2));
                load.stop(Duration.ofSeconds(30));
                if (sut.servicePid("projection-service") == oldPid) {
                    fail("the projection service was not restarted");
                }
                s.note(String.format(
                        Locale.ROOT,
                        "projection down %.1f s (kill to ready again); %d events of the "
                                + "scenario applied before the kill",
                        seconds(ready - killed),
                        appliedBefore));
                List<String> failures = new ArrayList<>();
                nonOk(load, failures, "the command services do not depend on the projection");
                account(s, "s2-", List.of(load), failures);
                // per negotiation: the projection's version and event count are negotiation-service's
                Map<String, long[]> expected = new HashMap<>();
                for (CommandLoad.AcceptedEvent e : load.accepted().values()) {
                    long[] v = expected.computeIfAbsent(e.streamId(), k -> new long[2]);
                    v[0] = Math.max(v[0], e.version());
                    v[1]++;
                }
                List<String> mismatches = new ArrayList<>();
                for (Map.Entry<String, long[]> e : expected.entrySet()) {
                    var status = sut.get("projection-service", "/agreements/" + e.getKey(), sut.analystToken);
                    JsonNode basis = status.statusCode() == 200
                            ? JSON.readTree(status.body()).path("basis")
                            : null;
                    long lastVersion =
                            basis == null ? -1 : basis.path("lastVersion").asLong();
                    long eventsKnown =
                            basis == null ? -1 : basis.path("eventsKnown").asLong();
                    if (lastVersion != e.getValue()[0] || eventsKnown != e.getValue()[1]) {
                        mismatches.add(e.getKey() + ": projected version " + lastVersion + " / " + eventsKnown
                                + " events, accepted version " + e.getValue()[0] + " / " + e.getValue()[1] + " events");
                    }
                }
                double duplicatesSkipped =
                        Ledger.metric(sut, "projection-service", "projection_events_duplicate_total", null);
                s.note(expected.size() + " negotiations compared one by one (status version and event count): "
                        + mismatches.size() + " differ");
                s.note(String.format(
                        Locale.ROOT,
                        "after the restart the projection skipped %.0f redelivered events "
                                + "(projection_events_duplicate_total)",
                        duplicatesSkipped));
                if (!mismatches.isEmpty()) {
                    fail("per-negotiation comparison: " + mismatches);
                }
            }
        });
    }

    @Test
    @Order(3)
    void databaseStoppedUnderLoad() throws Exception {
        var r = report.scenario(
                "3",
                "PostgreSQL stopped under load, then started",
                "3 client threads send negotiation commands and 1 thread announces and commits investments (linked to a "
                        + "negotiation investment-service already knows); after 3 s table locks hold the next "
                        + "statements in flight for 0.5 s and the PostgreSQL process is stopped (SIGTERM: a fast shutdown, "
                        + "which ends the sessions mid-query), the services stay up; 5 s later it is started again. A refused "
                        + "command is retried by its client every 200 ms with the same Idempotency-Key. Then: every "
                        + "refusal was a 503 problem+json with Retry-After, the services answered again without a "
                        + "restart, nothing is half-written, every accepted command is projected once.");
        databaseDownUnderLoad(r, "s3-", false);
    }

    @Test
    @Order(6)
    void databaseCrashedUnderLoad() throws Exception {
        var r = report.scenario(
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
        databaseDownUnderLoad(r, "s6-", true);
    }

    /**
     * Scenario 3 and 6: PostgreSQL goes away under load, stopped ({@code crash} false: a fast shutdown) or crashed
     * ({@link SystemUnderTest#crashPostgres}), and comes back.
     */
    private void databaseDownUnderLoad(ReliabilityReport.Scenario r, String prefix, boolean crash) throws Exception {
        scenario(r, s -> {
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
                            (id, n) ->
                                    n == 0 ? Commands.announceInvestment(id, anchor) : Commands.commitInvestment(id))) {
                negotiations.start(3);
                investments.start(1);
                pause(Duration.ofSeconds(3));
                List<CommandLoad> loads = List.of(negotiations, investments);
                // the outage must also hit queries in flight, not only new connections: table locks hold the next
                // commands' statements (the event store's and the known-negotiations view's) until the server stops
                loads.forEach(l -> l.phase("database down"));
                long down = System.nanoTime();
                List<java.sql.Connection> locks = List.of(
                        lock("negotiation", "lock table es_streams, es_events in access exclusive mode"),
                        lock("investment", "lock table known_negotiations in access exclusive mode"));
                pause(Duration.ofMillis(500));
                long stopping = System.nanoTime();
                if (crash) {
                    sut.crashPostgres();
                } else {
                    sut.stopPostgres();
                }
                long stopped = System.nanoTime();
                locks.forEach(FaultScenariosTest::closeQuietly);
                pause(Duration.ofSeconds(2));
                int readyDuringOutage =
                        sut.get("negotiation-service", "/q/health/ready", null).statusCode();
                pause(Duration.ofSeconds(3));
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
                        () -> countOk(negotiations, "after") >= 10 && countOk(investments, "after") >= 2,
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
                List<CommandLoad.Answer> proper = refusals.stream()
                        .filter(FaultScenariosTest::isRetryable503)
                        .toList();
                Map<String, Long> improper = refusals.stream()
                        .filter(a -> !isRetryable503(a))
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
                        seconds(up - down),
                        seconds(stopped - stopping),
                        seconds(up - restart),
                        seconds(ready - up),
                        seconds(accepting - up)));
                s.note(refusals.size() + " refusals in " + all.size() + " attempts: " + proper.size()
                        + " were 503 problem+json with Retry-After; " + (refusals.size() - proper.size()) + " were not"
                        + (improper.isEmpty() ? "" : " " + improper));
                if (!latencies.isEmpty()) {
                    s.note(String.format(
                            Locale.ROOT,
                            "503 answered in p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                            percentile(latencies, 50) / 1000.0,
                            percentile(latencies, 99) / 1000.0,
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
                account(s, prefix, List.of(setup, negotiations, investments), failures);
            }
        });
    }

    @Test
    @Order(4)
    void twoWritersWithTheSameExpectedVersion() throws Exception {
        int rounds = 20;
        int freeRounds = 10;
        var r = report.scenario(
                "4",
                "two writers with the same expected version",
                "On one negotiation, " + rounds
                        + " rounds of two commands sent at the same instant by two threads, both "
                        + "with If-Match: the version they read; the loser re-reads and retries. Then " + freeRounds
                        + " rounds without If-Match (a conflict there is a 409, or the two are serialised and both "
                        + "accepted). Then: exactly one winner a round with If-Match, the loser got 412 problem+json "
                        + "with currentVersion, every command's event is stored and projected once, versions 1..n "
                        + "without a gap.");
        scenario(r, s -> {
            CommandLoad ledger = CommandLoad.negotiations(sut, "s4-", Duration.ZERO, 1);
            String id = "s4-contested";
            if (!ledger.send(Commands.open(id), UUID.randomUUID().toString())) {
                fail("cannot open " + id + ": " + ledger.rejections());
            }
            List<String> failures = new ArrayList<>();
            long version = 1;
            int conflicts = 0;
            int bothAccepted = 0;
            int freeConflicts = 0;
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < rounds + freeRounds; round++) {
                    boolean withIfMatch = round < rounds;
                    String ifMatch = withIfMatch ? "\"" + version + "\"" : null;
                    Commands.Command a = Commands.leadersMeeting(id, 2 * round + 1);
                    Commands.Command b = Commands.talks(id, 2 * round + 2);
                    String keyA = UUID.randomUUID().toString();
                    String keyB = UUID.randomUUID().toString();
                    ledger.countSent(id);
                    ledger.countSent(id);
                    CountDownLatch go = new CountDownLatch(1);
                    Future<CommandLoad.Answer> fa = two.submit(() -> {
                        go.await();
                        return ledger.exchange(a, keyA, ifMatch);
                    });
                    Future<CommandLoad.Answer> fb = two.submit(() -> {
                        go.await();
                        return ledger.exchange(b, keyB, ifMatch);
                    });
                    go.countDown();
                    CommandLoad.Answer ra = fa.get(60, TimeUnit.SECONDS);
                    CommandLoad.Answer rb = fb.get(60, TimeUnit.SECONDS);
                    ledger.keep(ra);
                    ledger.keep(rb);
                    List<Commands.Command> losers = new ArrayList<>();
                    List<String> loserKeys = new ArrayList<>();
                    for (var pair : List.of(Map.entry(a, ra), Map.entry(b, rb))) {
                        if (pair.getValue().ok()) {
                            ledger.recordAccepted(
                                    pair.getKey().service(), pair.getValue().body());
                            ledger.countAccepted();
                        } else {
                            losers.add(pair.getKey());
                            loserKeys.add(pair.getKey() == a ? keyA : keyB);
                        }
                    }
                    int winners = 2 - losers.size();
                    if (withIfMatch) {
                        if (winners != 1) {
                            failures.add("round " + round + ": " + winners + " winners (" + ra.status() + ", "
                                    + rb.status() + ")");
                        }
                        CommandLoad.Answer loser = ra.ok() ? rb : ra;
                        if (winners == 1) {
                            conflicts++;
                            String problem = preconditionProblem(loser, version + 1);
                            if (problem != null) {
                                failures.add("round " + round + ": " + problem);
                            }
                        }
                    } else if (winners == 2) {
                        bothAccepted++;
                    } else {
                        freeConflicts++;
                        CommandLoad.Answer loser = ra.ok() ? rb : ra;
                        if (winners != 1 || loser.status() != 409 || !isProblem(loser)) {
                            failures.add("round " + round + " without If-Match: " + ra.status() + ", " + rb.status()
                                    + " (expected a 409 problem+json for the loser) "
                                    + CommandLoad.abbreviate(loser.body()));
                        }
                    }
                    version += winners;
                    // the loser re-reads and sends its command again: nothing is lost
                    for (int i = 0; i < losers.size(); i++) {
                        var current = sut.get("negotiation-service", "/negotiations/" + id, sut.recorderToken);
                        String etag = current.headers().firstValue("ETag").orElse("\"" + version + "\"");
                        CommandLoad.Answer retry = ledger.exchange(losers.get(i), loserKeys.get(i), etag);
                        ledger.keep(retry);
                        if (retry.ok()) {
                            ledger.recordAccepted(losers.get(i).service(), retry.body());
                            ledger.countAccepted();
                            version++;
                        } else {
                            failures.add("round " + round + ": the loser's retry with If-Match " + etag + " got "
                                    + retry.status() + " " + CommandLoad.abbreviate(retry.body()));
                        }
                    }
                }
            } finally {
                two.shutdownNow();
            }
            s.note(rounds + " rounds with If-Match: " + conflicts
                    + " with exactly one winner and a 412 with currentVersion "
                    + "for the other; " + freeRounds + " rounds without: " + freeConflicts + " refused with 409, "
                    + bothAccepted + " serialised (both accepted)");
            s.note("final version " + version + " (1 opening + " + 2 * (rounds + freeRounds) + " commands)");
            if (version != 1 + 2L * (rounds + freeRounds)) {
                failures.add(
                        "the negotiation is at version " + version + ", expected " + (1 + 2 * (rounds + freeRounds)));
            }
            account(s, "s4-", List.of(ledger), failures);
        });
    }

    @Test
    @Order(5)
    void poisonRecordsAreDeadLettered() throws Exception {
        var r = report.scenario(
                "5",
                "poison records on both topics",
                "Real events first (a negotiation opened; an investment announced and linked to it), then six records "
                        + "produced straight onto the topics with the real streams' keys — on each topic one whose value "
                        + "is not JSON, one with an unknown ce_type, one with ce_schemaversion 99 — then more real events "
                        + "behind them (meetings, a second negotiation, a commitment, a second investment linked to the "
                        + "second negotiation, which investment-service must learn from behind the poison). Then: each "
                        + "poison record is on tracker.projection.dlq with its reason and origin headers, the projection's "
                        + "dead-letter metric counts them, and every real event is projected once.");
        scenario(r, s -> {
            CommandLoad ledger = CommandLoad.negotiations(sut, "s5-", Duration.ZERO, 1);
            List<String> failures = new ArrayList<>();
            String n0 = "s5-n0";
            String n1 = "s5-n1";
            String i0 = "s5-i0";
            String i1 = "s5-i1";
            mustAccept(ledger, Commands.open(n0));
            Eventually.until(
                    Duration.ofSeconds(60),
                    () -> sut.get("investment-service", "/known-negotiations/" + n0, sut.recorderToken)
                                    .statusCode()
                            == 200,
                    "investment-service knows " + n0);
            mustAccept(ledger, Commands.announceInvestment(i0, n0));
            Map<String, Double> before = deadLetterMetrics();

            List<Poison> poison = new ArrayList<>();
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (String[] spec : List.of(
                        new String[] {Ledger.NEGOTIATION_TOPIC, n0, "negotiation", "LeadersMet"},
                        new String[] {Ledger.INVESTMENT_TOPIC, i0, "investment", "InvestmentCommitted"})) {
                    String topic = spec[0];
                    String key = spec[1];
                    byte[] data = ("{\"" + spec[2] + "Id\": \"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
                    poison.add(send(
                            producer,
                            topic,
                            key,
                            spec[2],
                            spec[3],
                            "1",
                            "this is {not JSON".getBytes(StandardCharsets.UTF_8),
                            "NOT_JSON"));
                    poison.add(send(producer, topic, key, spec[2], "TreatyTeleported", "1", data, "UNKNOWN_TYPE"));
                    poison.add(send(producer, topic, key, spec[2], spec[3], "99", data, "UNSUPPORTED_SCHEMA_VERSION"));
                }
            }
            mustAccept(ledger, Commands.leadersMeeting(n0, 1));
            mustAccept(ledger, Commands.talks(n0, 2));
            mustAccept(ledger, Commands.open(n1));
            mustAccept(ledger, Commands.commitInvestment(i0));
            // investment-service reads the negotiation topic too: it must learn n1 from behind the poison
            Eventually.until(
                    Duration.ofSeconds(60),
                    () -> sut.get("investment-service", "/known-negotiations/" + n1, sut.recorderToken)
                                    .statusCode()
                            == 200,
                    "investment-service knows " + n1 + " (behind the poison records)");
            mustAccept(ledger, Commands.announceInvestment(i1, n1));

            // the dead-letter topic
            Map<String, List<Ledger.TopicRecord>> dead = new HashMap<>();
            try {
                Eventually.until(
                        Duration.ofSeconds(60),
                        () -> {
                            dead.clear();
                            for (Ledger.TopicRecord d : Ledger.readTopic(sut, Ledger.DLQ_TOPIC)) {
                                String id = d.header(POISON_HEADER);
                                if (id != null) {
                                    dead.computeIfAbsent(id, k -> new ArrayList<>())
                                            .add(d);
                                }
                            }
                            return poison.stream().allMatch(p -> dead.containsKey(p.id()));
                        },
                        "every poison record on " + Ledger.DLQ_TOPIC);
            } catch (AssertionError e) {
                failures.add(e.getMessage() + ": " + dead.keySet().size() + " of " + poison.size() + " there");
            }
            int deadLettered = 0;
            int deadLetterRecords = 0;
            for (Poison p : poison) {
                List<Ledger.TopicRecord> letters = dead.getOrDefault(p.id(), List.of());
                deadLetterRecords += letters.size();
                if (letters.isEmpty()) {
                    failures.add(p.reason() + " on " + p.topic() + " not dead-lettered");
                    continue;
                }
                Ledger.TopicRecord d = letters.get(0);
                List<String> wrong = new ArrayList<>();
                expectHeader(d, "dead-letter-reason", p.reason(), wrong);
                expectHeader(d, "dead-letter-topic", p.topic(), wrong);
                expectHeader(
                        d, "dead-letter-partition", Integer.toString(p.sent().partition()), wrong);
                expectHeader(d, "dead-letter-offset", Long.toString(p.sent().offset()), wrong);
                expectHeader(d, "dead-letter-consumer-group", "projection-service", wrong);
                if (d.header("dead-letter-cause") == null
                        || d.header("dead-letter-cause").isBlank()) {
                    wrong.add("dead-letter-cause missing");
                }
                if (!p.id().equals(d.header(POISON_HEADER)) || d.header("ce_type") == null) {
                    wrong.add("original headers not kept");
                }
                if (wrong.isEmpty()) {
                    deadLettered++;
                } else {
                    failures.add(p.reason() + " on " + p.topic() + ": " + wrong);
                }
            }
            Map<String, Double> after = deadLetterMetrics();
            Map<String, Long> expectedByReason =
                    poison.stream().collect(Collectors.groupingBy(Poison::reason, Collectors.counting()));
            Map<String, Double> delta = new LinkedHashMap<>();
            expectedByReason.keySet().stream()
                    .sorted()
                    .forEach(reason ->
                            delta.put(reason, after.getOrDefault(reason, 0.0) - before.getOrDefault(reason, 0.0)));
            expectedByReason.forEach((reason, n) -> {
                if (delta.get(reason) < n) {
                    failures.add("projection_dead_letters_total{reason=" + reason + "} went up by " + delta.get(reason)
                            + ", expected " + n);
                }
            });
            s.note(poison.size() + " poison records produced (3 a topic); " + deadLettered + " on " + Ledger.DLQ_TOPIC
                    + " with the right reason, origin topic, partition, offset, group and cause (" + deadLetterRecords
                    + " dead-letter records)");
            s.note("projection_dead_letters_total went up by "
                    + delta.entrySet().stream()
                            .map(e -> e.getKey() + " +" + Math.round(e.getValue()))
                            .collect(Collectors.joining(", ")));
            s.note("investment-service learned " + n1 + " from behind the poison on the negotiation topic");
            account(s, "s5-", List.of(ledger), failures, rec -> rec.header(POISON_HEADER) != null);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    private Ledger.Projected account(
            ReliabilityReport.Scenario s, String prefix, List<CommandLoad> loads, List<String> failures)
            throws Exception {
        return account(s, prefix, loads, failures, rec -> false);
    }

    /**
     * Waits (bounded) until the relays published everything and the projection holds every accepted event, then counts
     * stored / published / projected independently, fills the scenario's counts, and fails with all of them if
     * anything was lost, duplicated, half-written or not published.
     */
    private Ledger.Projected account(
            ReliabilityReport.Scenario s,
            String prefix,
            List<CommandLoad> loads,
            List<String> failures,
            java.util.function.Predicate<Ledger.TopicRecord> notAnEvent)
            throws Exception {
        Map<UUID, CommandLoad.AcceptedEvent> accepted = new HashMap<>();
        for (CommandLoad l : loads) {
            accepted.putAll(l.accepted());
            s.sent += l.sent();
            s.attempts += l.attempts();
            s.accepted += l.acceptedCommands();
        }
        try {
            Eventually.until(
                    SETTLE,
                    () -> Ledger.unpublished(sut, "negotiation") == 0 && Ledger.unpublished(sut, "investment") == 0,
                    "the relays published everything");
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
        try {
            Eventually.until(
                    SETTLE,
                    () -> Ledger.factRows(sut, prefix).keySet().containsAll(accepted.keySet()),
                    "the projection holds every accepted event");
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
        List<Ledger.StoredEvent> stored = new ArrayList<>(Ledger.stored(sut, "negotiation", prefix));
        stored.addAll(Ledger.stored(sut, "investment", prefix));
        Set<UUID> storedIds = stored.stream().map(Ledger.StoredEvent::eventId).collect(Collectors.toSet());
        Ledger.Published negotiationTopic = Ledger.published(sut, Ledger.NEGOTIATION_TOPIC, prefix, notAnEvent);
        Ledger.Published investmentTopic = Ledger.published(sut, Ledger.INVESTMENT_TOPIC, prefix, notAnEvent);
        Set<UUID> published = new HashSet<>(negotiationTopic.distinct());
        published.addAll(investmentTopic.distinct());
        Set<String> negotiations = accepted.values().stream()
                .filter(CommandLoad.AcceptedEvent::negotiation)
                .map(CommandLoad.AcceptedEvent::streamId)
                .collect(Collectors.toSet());
        Set<UUID> investmentEvents = accepted.values().stream()
                .filter(e -> !e.negotiation())
                .map(CommandLoad.AcceptedEvent::eventId)
                .collect(Collectors.toSet());
        Ledger.Projected projected = Ledger.projected(sut, negotiations, prefix, investmentEvents);

        s.stored = stored.size();
        s.publishedDistinct = published.size();
        s.publishedRecords = negotiationTopic.records() + investmentTopic.records();
        s.projected = projected.ids().size();
        Set<UUID> lost = new HashSet<>(accepted.keySet());
        lost.removeAll(projected.ids());
        s.lost = lost.size();
        s.duplicated = projected.duplicated();
        if (s.publishedRecords > s.publishedDistinct) {
            s.note((s.publishedRecords - s.publishedDistinct) + " records on the topics are re-sends of an event "
                    + "(at least once; the projection skips them)");
        }

        Set<UUID> storedNotAccepted = new HashSet<>(storedIds);
        storedNotAccepted.removeAll(accepted.keySet());
        Set<UUID> acceptedNotStored = new HashSet<>(accepted.keySet());
        acceptedNotStored.removeAll(storedIds);
        Set<UUID> storedNotPublished = new HashSet<>(storedIds);
        storedNotPublished.removeAll(published);
        Set<UUID> projectedNotAccepted = new HashSet<>(projected.ids());
        projectedNotAccepted.removeAll(accepted.keySet());
        if (!acceptedNotStored.isEmpty()) {
            failures.add(acceptedNotStored.size() + " accepted events are not stored");
        }
        if (!storedNotAccepted.isEmpty()) {
            failures.add(
                    storedNotAccepted.size() + " stored events belong to no accepted command (refused but written?)");
        }
        if (!storedNotPublished.isEmpty()) {
            failures.add(storedNotPublished.size() + " stored events were never published");
        }
        if (!projectedNotAccepted.isEmpty()) {
            failures.add(projectedNotAccepted.size() + " projected events belong to no accepted command");
        }
        if (s.lost > 0) {
            failures.add(s.lost + " accepted events are not projected, e.g. "
                    + lost.stream().limit(3).map(accepted::get).toList());
        }
        if (s.duplicated > 0) {
            failures.add(s.duplicated + " events are projected more than once");
        }
        for (String database : List.of("negotiation", "investment")) {
            failures.addAll(Ledger.halfWritten(sut, database));
        }
        if (!failures.isEmpty()) {
            fail("scenario " + s.number + " (" + s.name + "): " + s.counts() + "\n  - "
                    + String.join("\n  - ", failures));
        }
        return projected;
    }

    /** The events named by the accepted answers of the given phases. */
    private static Set<UUID> eventIds(CommandLoad load, Set<String> phases) throws java.io.IOException {
        Set<UUID> ids = new HashSet<>();
        for (CommandLoad.Answer a : load.answers()) {
            if (a.ok() && phases.contains(a.phase())) {
                for (JsonNode e : JSON.readTree(a.body()).path("events")) {
                    ids.add(UUID.fromString(e.path("eventId").asText()));
                }
            }
        }
        return ids;
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

    private static boolean isProblem(CommandLoad.Answer a) {
        return a.contentType() != null && a.contentType().startsWith("application/problem+json");
    }

    private static boolean isRetryable503(CommandLoad.Answer a) {
        return a.status() == 503
                && isProblem(a)
                && a.retryAfter() != null
                && !a.retryAfter().isBlank();
    }

    /** Null when the answer is a 412 problem+json naming the current version (and an ETag of it). */
    private static String preconditionProblem(CommandLoad.Answer a, long currentVersion) {
        if (a.status() != 412 || !isProblem(a)) {
            return "the loser got " + a.status() + " " + a.contentType() + ", expected 412 problem+json: "
                    + CommandLoad.abbreviate(a.body());
        }
        try {
            JsonNode body = JSON.readTree(a.body());
            if (body.path("currentVersion").asLong(-1) != currentVersion) {
                return "412 names currentVersion " + body.path("currentVersion") + ", expected " + currentVersion;
            }
        } catch (java.io.IOException e) {
            return "412 body is not JSON: " + a.body();
        }
        return null;
    }

    private static int countOk(CommandLoad load, String phase) {
        return (int) load.answers().stream()
                .filter(a -> a.ok() && a.phase().equals(phase))
                .count();
    }

    private static void nonOk(CommandLoad load, List<String> failures, String why) {
        Map<String, Long> refused = load.answers().stream()
                .filter(a -> !a.ok())
                .collect(Collectors.groupingBy(
                        a -> a.phase() + ": " + a.status(), LinkedHashMap::new, Collectors.counting()));
        if (!refused.isEmpty()) {
            failures.add("commands not accepted (" + why + "): " + refused + " " + load.rejections());
        }
    }

    private void mustAccept(CommandLoad ledger, Commands.Command c) {
        // an announcement may meet a negotiation investment-service has not heard of yet: 422, retried shortly
        for (int attempt = 0; ; attempt++) {
            if (ledger.send(c, UUID.randomUUID().toString())) {
                return;
            }
            if (attempt >= 20) {
                fail(c.label() + " " + c.streamId() + " refused: " + ledger.rejections());
            }
            pause(Duration.ofMillis(500));
        }
    }

    private Map<String, Double> deadLetterMetrics() {
        Map<String, Double> m = new HashMap<>();
        for (String reason : List.of("NOT_JSON", "UNKNOWN_TYPE", "UNSUPPORTED_SCHEMA_VERSION", "INVALID_EVENT")) {
            m.put(
                    reason,
                    Ledger.metric(
                            sut, "projection-service", "projection_dead_letters_total", "reason=\"" + reason + "\""));
        }
        return m;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.putAll(sut.kafkaClientConfig());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "system-test-poison");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A poison record produced onto a topic: its marker id, where it went, the reason it must be dead-lettered for. */
    private record Poison(String id, String topic, String reason, RecordMetadata sent) {}

    private static Poison send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            String key,
            String streamType,
            String type,
            String schemaVersion,
            byte[] value,
            String reason)
            throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        String source = streamType.equals("negotiation") ? "/negotiation-service" : "/investment-service";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_source", source);
        headers.put("ce_type", type);
        headers.put("ce_subject", key);
        headers.put("ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        headers.put("content-type", "application/json");
        headers.put(
                "ce_dataschema",
                "https://contract.tracker.example/" + streamType + "-service/schemas/" + type + ".v" + schemaVersion
                        + ".json");
        headers.put("ce_schemaversion", schemaVersion);
        headers.put("ce_streamtype", streamType);
        headers.put("ce_streamversion", "999");
        headers.put(POISON_HEADER, id);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        RecordMetadata sent = producer.send(record).get(30, TimeUnit.SECONDS);
        return new Poison(id, topic, reason, sent);
    }

    private static void expectHeader(Ledger.TopicRecord d, String name, String expected, List<String> wrong) {
        if (!expected.equals(d.header(name))) {
            wrong.add(name + "=" + d.header(name) + " (expected " + expected + ")");
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
