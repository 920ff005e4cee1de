package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.ActiveGeneration;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A live batch folds its events into the agreement's stored state: here two writers (two replicas, as after a
 * rebalance) write one stream in turns and out of order, and after every batch the row equals the status of all
 * the stream's events so far, each writer folding from the state the other committed (never reading the stream's
 * history); a row without a state (written before states existed) is folded once from the facts, then from its
 * state again; a redelivered event folds nothing.
 */
@QuarkusTest
class LiveStatesTest {
    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    ProjectionConfig config;

    private final RecordReader reader = new RecordReader();

    @Test
    void eachBatchFoldsTheStateTheOtherWriterCommitted() {
        String id = "state-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = new ArrayList<>();
        for (Sample s : Stories.february(id)) {
            story.add((Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION));
        }
        ProjectionWriter a =
                new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config));
        ProjectionWriter b =
                new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config));
        List<RecordedEvent> applied = new ArrayList<>();

        // v2 and v3 first (versions may arrive out of order), then the other replica writes v1 and v4
        apply(a, story.get(1), applied, id);
        apply(a, story.get(2), applied, id);
        apply(b, story.get(0), applied, id);
        apply(b, story.get(3), applied, id);
        apply(a, story.get(4), applied, id);
        assertCounts(a, 3, 0);
        assertCounts(b, 2, 0);
        assertEquals(5, ActiveGeneration.foldedEvents(pool, id), "the state folded each event once");

        // a row as an older version left it (no state): folded once from the stream's facts, then from its state
        pool.preparedQuery("update agreement_summary set state = null, state_encoding = null where negotiation_id = $1")
                .execute(Tuple.of(id))
                .await()
                .atMost(DB);
        apply(b, story.get(5), applied, id);
        assertCounts(b, 2, 1);
        for (Incoming.Event e : story.subList(6, story.size())) {
            apply(a, e, applied, id);
        }
        assertCounts(a, story.size() - 3, 0);

        // a redelivered event inserts nothing and folds nothing
        apply(a, story.get(2), applied, id);
        apply(b, story.get(7), applied, id);
        assertCounts(a, story.size() - 3, 0);
        assertCounts(b, 2, 1);
        assertEquals(story.size(), ActiveGeneration.foldedEvents(pool, id), "the state folded each event once");
    }

    private void apply(ProjectionWriter writer, Incoming.Event event, List<RecordedEvent> applied, String id) {
        writer.apply(ApplyTarget.live(), "live-summaries-test", List.of(event), List.of())
                .await()
                .atMost(DB);
        if (applied.stream().noneMatch(e -> e.version() == event.event().version())) {
            applied.add(event.event());
        }
        AgreementStatus expected =
                AgreementStatusCalculator.status(id, applied, AsOf.NOW).orElseThrow();
        Row row = pool.preparedQuery("select stage, last_milestone, last_milestone_kind, pending_milestones, binding,"
                        + " last_version, title, parties from agreement_summary where negotiation_id = $1 and generation ="
                        + " (select generation from projection_generation where state = 'ACTIVE')")
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next();
        String after = "after v" + event.event().version();
        assertEquals(expected.stage().name(), row.getString(0), after);
        assertEquals(
                expected.lastMilestone() == null
                        ? null
                        : expected.lastMilestone().summary(),
                row.getString(1),
                after);
        assertEquals(
                expected.lastMilestone() == null
                        ? null
                        : expected.lastMilestone().milestone().name(),
                row.getString(2),
                after);
        assertEquals(expected.milestonesPending().size(), row.getInteger(3), after);
        assertEquals(expected.binding(), row.getBoolean(4), after);
        assertEquals(expected.basis().lastVersion(), row.getLong(5), after);
        assertEquals(expected.title(), row.getString(6), after);
        assertEquals(String.join(",", expected.parties()), row.getString(7), after);
    }

    private static void assertCounts(ProjectionWriter writer, long fromState, long fromStore) {
        assertEquals(
                Arrays.asList(fromState, fromStore),
                Arrays.asList(writer.states().fromState(), writer.states().fromStore()),
                "agreements folded from their stored state, from the store's facts");
    }
}
