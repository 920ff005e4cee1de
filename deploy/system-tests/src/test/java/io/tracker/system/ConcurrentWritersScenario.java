package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: two writers with the same expected version; one wins each round, the loser gets a 412 and retries.
 */
final class ConcurrentWritersScenario {
    /** Rounds with If-Match, then rounds without. */
    private static final int ROUNDS = 20;

    private static final int FREE_ROUNDS = 10;

    private final SystemUnderTest sut;
    private final Accounting accounting;

    ConcurrentWritersScenario(SystemUnderTest sut) {
        this.sut = sut;
        this.accounting = new Accounting(sut);
    }

    /** The scenario as the report names and describes it. */
    static ReliabilityReport.Scenario describedIn(ReliabilityReport report) {
        return report.scenario(
                "4",
                "two writers with the same expected version",
                "On one negotiation, " + ROUNDS
                        + " rounds of two commands sent at the same instant by two threads, both "
                        + "with If-Match: the version they read; the loser re-reads and retries. Then " + FREE_ROUNDS
                        + " rounds without If-Match (a conflict there is a 409, or the two are serialised and both "
                        + "accepted). Then: exactly one winner a round with If-Match, the loser got 412 problem+json "
                        + "with currentVersion, every command's event is stored and projected once, versions 1..n "
                        + "without a gap.");
    }

    void run(ReliabilityReport.Scenario s) throws Exception {
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
            for (int round = 0; round < ROUNDS + FREE_ROUNDS; round++) {
                boolean withIfMatch = round < ROUNDS;
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
                        failures.add("round " + round + ": " + winners + " winners (" + ra.status() + ", " + rb.status()
                                + ")");
                    }
                    CommandLoad.Answer loser = ra.ok() ? rb : ra;
                    if (winners == 1) {
                        conflicts++;
                        String problem = Answers.preconditionProblem(loser, version + 1);
                        if (problem != null) {
                            failures.add("round " + round + ": " + problem);
                        }
                    }
                } else if (winners == 2) {
                    bothAccepted++;
                } else {
                    freeConflicts++;
                    CommandLoad.Answer loser = ra.ok() ? rb : ra;
                    if (winners != 1 || loser.status() != 409 || !Answers.isProblem(loser)) {
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
        s.note(ROUNDS + " rounds with If-Match: " + conflicts
                + " with exactly one winner and a 412 with currentVersion "
                + "for the other; " + FREE_ROUNDS + " rounds without: " + freeConflicts + " refused with 409, "
                + bothAccepted + " serialised (both accepted)");
        s.note("final version " + version + " (1 opening + " + 2 * (ROUNDS + FREE_ROUNDS) + " commands)");
        if (version != 1 + 2L * (ROUNDS + FREE_ROUNDS)) {
            failures.add("the negotiation is at version " + version + ", expected " + (1 + 2 * (ROUNDS + FREE_ROUNDS)));
        }
        accounting.account(s, "s4-", List.of(ledger), failures);
    }
}
