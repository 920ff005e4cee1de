package io.tracker.system.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tracker.system.bench.BenchWorkload.Cmd;
import io.tracker.system.bench.LoadGenerator.Accepted;
import io.tracker.system.bench.LoadGenerator.PhaseResult;

/**
 * {@link VisibleStages}' queries on the benchmark's real stack (PostgreSQL with track_commit_timestamp, the broker,
 * the three services), with a few seconds of commands of each stream type: every stage of every command is found,
 * the records carry CreateTime, and the stages add up to the projection-commit figure. Tagged "bench": not part of
 * the test suite; run it with {@code ./mvnw -B -pl deploy/system-tests -am verify -Dgroups=bench
 * -Dsurefire.excludedGroups= -Dtest=VisibleStagesStackTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class VisibleStagesStackTest {

    @Test
    void everyStageOfEveryCommandIsFoundInTheStoresAndTheTopics() throws Exception {
        try (BenchSystem sys = new BenchSystem("visible-stages")) {
            sys.startPostgres(true, false);
            sys.startKafka();
            sys.startServices(List.of());
            try (LoadGenerator load = new LoadGenerator(sys)) {
                BenchWorkload work = new BenchWorkload(4, "vs", BenchWorkload.ClientMix.DEFAULT);
                AtomicInteger n = new AtomicInteger();
                PhaseResult opens = phase(load, "negotiations", () -> work.openNegotiation(n.getAndIncrement(), false));
                opens.accepted.forEach(
                        a -> work.negotiationOpened(new Cmd("", "negotiation", a.streamId(), "", "", true, 0, false)));
                int opened = opens.accepted.size();
                BenchSystem.waitUntil(
                        Duration.ofSeconds(60),
                        () -> count(sys, "select count(*) from known_negotiations") >= opened,
                        "investment-service knows every negotiation");
                PhaseResult announcements = phase(load, "investments", () -> work.announce(0));
                check(sys, opens);
                check(sys, announcements);
            }
        }
    }

    private static PhaseResult phase(LoadGenerator load, String name, Supplier<Cmd> next) {
        PhaseResult r =
                load.openLoop(name, 50, Duration.ofSeconds(4), 2, 64, Duration.ofSeconds(10), next, (c, reply) -> {});
        assertTrue(r.accepted.size() >= 150, name + ": " + r.outcomeCounts());
        return r;
    }

    private static void check(BenchSystem sys, PhaseResult r) throws Exception {
        Map<Accepted, VisibleStages.Applied> applied = new HashMap<>();
        Visibility.Result facts = new Visibility(sys).fromFacts(r.accepted, Duration.ofSeconds(60), r.windows, applied);
        assertEquals(0, facts.missing(), r.name);
        VisibleStages stages = VisibleStages.measure(sys, r.accepted, applied, r.windows);
        Map<String, Object> json = stages.json();
        System.out.printf("%s: %d commands, visibleStages %s%n", r.name, r.accepted.size(), json);
        long n = r.accepted.size();
        for (String s : VisibleStages.STAGES) {
            assertEquals(n, stages.stage(s).getTotalCount(), r.name + " " + s);
        }
        assertEquals(Map.of("commandCommit", 0L, "published", 0L, "projectionCommit", 0L), json.get("missing"));
        assertEquals(Map.of("commandCommit", 0L, "projectionCommit", 0L), without((Map<?, ?>) json.get("negative")));
        assertEquals(Map.of("CreateTime", n), json.get("recordTimestampTypes"), r.name);
        // the stages of each command add up to its projection-commit figure: so do their means, but for the
        // published stages a record's timestamp floored below its commit made zero (at most 1 ms each)
        double sum = 0;
        for (String s : VisibleStages.STAGES) {
            sum += stages.stage(s).getMean();
        }
        assertEquals(facts.latency().getMean(), sum, 1000 + facts.latency().getMean() * 0.01, r.name);
    }

    private static Map<Object, Object> without(Map<?, ?> negative) {
        Map<Object, Object> m = new HashMap<>(negative);
        m.remove("published");
        return m;
    }

    private static long count(BenchSystem sys, String sql) {
        try (Connection c = sys.jdbc("investment");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
