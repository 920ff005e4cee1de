package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scenario 1: the Kafka broker stopped under load, then started; every command accepted meanwhile is published
 * and projected once.
 */
final class BrokerOutageScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemUnderTest sut;
    private final Accounting accounting;

    BrokerOutageScenario(SystemUnderTest sut) {
        this.sut = sut;
        this.accounting = new Accounting(sut);
    }

    /** The scenario as the report names and describes it. */
    static ReliabilityReport.Scenario describedIn(ReliabilityReport report) {
        return report.scenario(
                "1",
                "Kafka broker stopped under load, then started",
                "3 client threads send commands (open a negotiation, then leaders' meetings and talks; 6 commands a "
                        + "negotiation, then the next) to negotiation-service; after 3 s the Kafka process is stopped "
                        + "(SIGTERM), the threads keep sending for 6 s, the broker is started again, they send 3 s more. "
                        + "Then: every accepted command's events are stored, published and projected, once.");
    }

    void run(ReliabilityReport.Scenario s) throws Exception {
        try (CommandLoad load = CommandLoad.negotiations(sut, "s1-", Duration.ofMillis(50), 6)) {
            load.start(3);
            Timing.pause(Duration.ofSeconds(3));
            load.phase("broker down");
            long down = System.nanoTime();
            sut.stopKafka();
            long stopped = System.nanoTime();
            Timing.pause(Duration.ofSeconds(6));
            long waiting = Ledger.unpublished(sut, "negotiation");
            load.phase("broker starting");
            long restart = System.nanoTime();
            sut.startKafka();
            long up = System.nanoTime();
            load.phase("after");
            Timing.pause(Duration.ofSeconds(3));
            load.stop(Duration.ofSeconds(30));

            int acceptedWhileDown = Answers.countOk(load, "broker down") + Answers.countOk(load, "broker starting");
            s.note(String.format(
                    Locale.ROOT,
                    "broker unavailable %.1f s (stop took %.1f s, start %.1f s)",
                    Timing.seconds(up - down),
                    Timing.seconds(stopped - down),
                    Timing.seconds(up - restart)));
            s.note(acceptedWhileDown + " commands accepted while the broker was down or starting");
            s.note(waiting + " events waiting for publication just before the broker was started again");
            List<String> failures = new ArrayList<>();
            if (acceptedWhileDown == 0) {
                failures.add("no command was accepted while the broker was down");
            }
            Answers.nonOk(load, failures, "while the broker is down commands are still accepted");
            Set<UUID> whileDown = eventIds(load, Set.of("broker down", "broker starting"));
            Ledger.Projected projected = accounting.account(s, "s1-", List.of(load), failures);
            Set<UUID> missing = new HashSet<>(whileDown);
            missing.removeAll(projected.ids());
            s.note(whileDown.size() + " events of the commands accepted while the broker was down or starting: "
                    + (whileDown.size() - missing.size()) + " projected");
            if (!missing.isEmpty()) {
                fail(missing.size() + " events accepted while the broker was down are not projected");
            }
        }
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
}
