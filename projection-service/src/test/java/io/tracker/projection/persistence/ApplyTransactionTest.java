package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Pools;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A batch's transaction is sent in four pipelined round trips (BEGIN with the generations' read; the inserts with
 * the locks and state reads; the rows, states and NOTIFY; COMMIT), on a connection that goes back to the pool. Here
 * the pool has ONE connection, so a transaction a failed batch left open would be committed by the next batch: a
 * batch that fails in its second round (positions behind) and one that fails in its third (a state row PostgreSQL
 * refuses) leave nothing behind, and the next batch on the same connection commits only its own rows.
 */
@QuarkusTest
class ApplyTransactionTest {
    private static final Duration DB = Duration.ofSeconds(30);
    private static final String GROUP = "apply-transaction-test";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    Vertx vertx;

    @Inject
    Pool shared;

    @Inject
    ProjectionConfig config;

    private final RecordReader reader = new RecordReader();
    private Pool one;
    private ProjectionWriter writer;
    private String topic;
    private String refused;

    @BeforeEach
    void oneConnection() {
        one = Pools.of(vertx, jdbcUrl, user, password, null, 1);
        writer = new ProjectionWriter(one, config, new SimpleMeterRegistry(), new AppliedPositions(one, config));
        topic = "apply-transaction-" + UUID.randomUUID();
        refused = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        // PostgreSQL refuses the state row of one negotiation: the batch fails in its third round trip
        shared.query("create or replace function apply_transaction_test_refuse() returns trigger language plpgsql as"
                        + " $$ begin if new.negotiation_id like 'refused-%' then raise exception 'refused by the test';"
                        + " end if; return new; end $$")
                .execute()
                .await()
                .atMost(DB);
        shared.query("create or replace trigger apply_transaction_test_refuse before insert on agreement_summary"
                        + " for each row execute function apply_transaction_test_refuse()")
                .execute()
                .await()
                .atMost(DB);
    }

    @AfterEach
    void close() {
        shared.query("drop trigger if exists apply_transaction_test_refuse on agreement_summary")
                .execute()
                .await()
                .atMost(DB);
        one.close().await().atMost(DB);
    }

    @Test
    void aBatchThatFailsInItsThirdRoundTripLeavesNothingAndTheNextBatchCommitsOnlyItsOwn() {
        List<Incoming.Event> bad = story(refused);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> writer.apply(
                        ApplyTarget.live(), GROUP, bad.subList(0, 2), List.of(at(0, 2)))
                .await()
                .atMost(DB));
        assertTrue(String.valueOf(rootOf(failure).getMessage()).contains("refused by the test"), failure::toString);
        assertEquals(0, facts(refused), "the failed batch's facts were rolled back");
        assertEquals(null, position(0));

        String good = "good-" + UUID.randomUUID().toString().substring(0, 8);
        ApplyResult result = writer.apply(ApplyTarget.live(), GROUP, story(good).subList(0, 2), List.of(at(1, 2)))
                .await()
                .atMost(DB);

        assertEquals(2, result.applied());
        assertEquals(2, facts(good));
        assertEquals(1, summaries(good));
        assertEquals(0, facts(refused), "the next batch on the same connection did not commit the failed one");
        assertEquals(null, position(0));
        assertEquals(2L, position(1));
    }

    @Test
    void aBatchThatFailsInItsSecondRoundTripLeavesNothingAndTheNextBatchCommitsOnlyItsOwn() {
        String first = "first-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "second-" + UUID.randomUUID().toString().substring(0, 8);
        // the batch holds position 5 on partition 0, which the database does not have: positions behind
        RuntimeException failure = assertThrows(RuntimeException.class, () -> writer.apply(
                        ApplyTarget.live(), GROUP, story(first).subList(0, 3), List.of(at(0, 8)), List.of(at(0, 5)))
                .await()
                .atMost(DB));
        assertInstanceOf(PositionsBehindException.class, rootOf(failure));
        assertEquals(0, facts(first), "the failed batch's facts were rolled back");
        assertEquals(0, summaries(first));

        writer.apply(ApplyTarget.live(), GROUP, story(second).subList(0, 1), List.of(at(0, 1)))
                .await()
                .atMost(DB);

        assertEquals(0, facts(first), "the next batch on the same connection did not commit the failed one");
        assertEquals(0, summaries(first));
        assertEquals(1, facts(second));
        assertEquals(1L, position(0));
    }

    @Test
    void aRedeliveredStreamInABatchFoldsNothingAndTheBatchsNewStreamIsFolded() {
        String id = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        writer.apply(ApplyTarget.live(), GROUP, story.subList(0, 3), List.of())
                .await()
                .atMost(DB);
        long folded = writer.states().fromState();

        ApplyResult again = writer.apply(ApplyTarget.live(), GROUP, story.subList(0, 3), List.of())
                .await()
                .atMost(DB);
        assertEquals(0, again.applied());
        assertEquals(folded, writer.states().fromState(), "a redelivery folds nothing");

        // the locks and states of both streams are read with the inserts; only the new stream has events to fold
        List<Incoming.Event> mixed = new ArrayList<>(story.subList(0, 3));
        mixed.add(story(other).get(0));
        ApplyResult result = writer.apply(ApplyTarget.live(), GROUP, mixed, List.of())
                .await()
                .atMost(DB);
        assertEquals(1, result.applied());
        assertEquals(folded + 1, writer.states().fromState(), "only the new stream folded");
        assertEquals(3L, lastVersion(id));
        assertEquals(1L, lastVersion(other));

        ApplyResult later = writer.apply(ApplyTarget.live(), GROUP, story.subList(1, 5), List.of())
                .await()
                .atMost(DB);
        assertEquals(2, later.applied());
        assertEquals(folded + 2, writer.states().fromState(), "one stream folded, with its two new events");
        assertEquals(5, facts(id));
        assertEquals(5L, lastVersion(id));
    }

    private List<Incoming.Event> story(String id) {
        List<Incoming.Event> events = new ArrayList<>();
        for (Sample s : Stories.february(id)) {
            events.add((Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION));
        }
        return events;
    }

    private PartitionPosition at(int partition, long nextOffset) {
        return new PartitionPosition(topic, partition, nextOffset);
    }

    private long facts(String id) {
        return first("select count(*) from fact where stream_id = $1", Tuple.of(id));
    }

    private long summaries(String id) {
        return first("select count(*) from agreement_summary where negotiation_id = $1", Tuple.of(id));
    }

    private Long lastVersion(String id) {
        return first(
                "select last_version from agreement_summary where negotiation_id = $1 and generation"
                        + " = (select generation from projection_generation where state = 'ACTIVE')",
                Tuple.of(id));
    }

    private Long position(int partition) {
        return first(
                "select next_offset from applied_position where group_id = $1 and topic = $2 and kafka_partition = $3",
                Tuple.of(GROUP, topic, partition));
    }

    /** The first column of the first row, or null when there is no row. */
    private Long first(String sql, Tuple parameters) {
        var rows = shared.preparedQuery(sql).execute(parameters).await().atMost(DB);
        return rows.size() == 0 ? null : rows.iterator().next().getLong(0);
    }

    private static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
