package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Scenario 2: projection-service killed with SIGKILL mid-stream, then started; it catches up, every event once.
 */
final class ProjectionKillScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemUnderTest sut;
    private final Accounting accounting;

    ProjectionKillScenario(SystemUnderTest sut) {
        this.sut = sut;
        this.accounting = new Accounting(sut);
    }

    /** The scenario as the report names and describes it. */
    static ReliabilityReport.Scenario describedIn(ReliabilityReport report) {
        return report.scenario(
                "2",
                "projection-service killed (SIGKILL) mid-stream, then started",
                "3 client threads send commands to negotiation-service; after 3 s the projection service is killed with "
                        + "SIGKILL while it applies them, the threads keep sending for 4 s, the service is started again "
                        + "from its jar, they send 2 s more. Then: the projection caught up, every event once, and each "
                        + "negotiation's projected version and event count equal what negotiation-service accepted.");
    }

    void run(ReliabilityReport.Scenario s) throws Exception {
        try (CommandLoad load = CommandLoad.negotiations(sut, "s2-", Duration.ofMillis(50), 6)) {
            load.start(3);
            Timing.pause(Duration.ofSeconds(3));
            int appliedBefore = Ledger.factRows(sut, "s2-").size();
            long oldPid = sut.servicePid("projection-service");
            load.phase("projection killed");
            long killed = System.nanoTime();
            sut.killService("projection-service");
            Timing.pause(Duration.ofSeconds(4));
            load.phase("projection starting");
            sut.startService("projection-service");
            long ready = System.nanoTime();
            load.phase("after");
            Timing.pause(Duration.ofSeconds(2));
            load.stop(Duration.ofSeconds(30));
            if (sut.servicePid("projection-service") == oldPid) {
                fail("the projection service was not restarted");
            }
            s.note(String.format(
                    Locale.ROOT,
                    "projection down %.1f s (kill to ready again); %d events of the "
                            + "scenario applied before the kill",
                    Timing.seconds(ready - killed),
                    appliedBefore));
            List<String> failures = new ArrayList<>();
            Answers.nonOk(load, failures, "the command services do not depend on the projection");
            accounting.account(s, "s2-", List.of(load), failures);
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
    }
}
