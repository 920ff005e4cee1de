package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A current-status miss after new facts reads only those (an extension of the kept fold) when the kept fold's facts
 * and they are every fact stored and none of them is an amendment, and all the facts otherwise: a lower version
 * stored after a higher one, a fold kept from another generation, a correction or retraction. Every answer equals the
 * status computed from all the stored facts.
 */
@QuarkusTest
class CurrentStatusesExtendTest {
    private static final Duration DB = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    ProjectionConfig config;

    private final RecordReader reader = new RecordReader();
    private MeterRegistry registry;

    @Test
    void aNewFactIsReadAloneAndFoldedIntoTheKeptStatus() {
        String id = "extend-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        CurrentStatuses statuses = statuses();
        apply(story.subList(0, 5));
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 0, 1, 5);

        apply(story.subList(5, 6));
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 1, 1, 6); // one row more read, not six

        assertEquals(expected(id), now(statuses, id));
        assertCounts(1, 1, 1, 6); // asked again: kept

        apply(story.subList(6, 7)); // v7, a trade mission announced
        assertEquals(expected(id), now(statuses, id));
        assertCounts(1, 2, 1, 7);
    }

    /**
     * A correction or retraction among the facts read after the kept fold: the fold cannot take it (it does not keep
     * the facts amendments change), so all the facts are read, and the fold of all of them (the amendment applied)
     * is extended by the facts after it.
     */
    @Test
    void anAmendmentAfterTheKeptFoldIsReadWithAllTheFactsAndTheFoldGoesOnFromThem() {
        String id = "extend-amend-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        CurrentStatuses statuses = statuses();
        apply(story.subList(0, 7));
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 0, 1, 7);

        apply(story.subList(7, 8)); // v8 corrects v3's date
        AgreementStatus corrected = now(statuses, id);
        assertEquals(expected(id), corrected);
        assertEquals(8, corrected.basis().eventsKnown());
        assertCounts(0, 0, 2, 7 + 1 + 8); // the tail read, refused; then all the facts
        assertTrue(statuses.kept().get(id).fold().extendable(), "folded from a history with a correction");

        apply(story.subList(8, 9)); // v9, a second leaders' meeting: the fold of the corrected history goes on
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 1, 2, 16 + 1);

        apply(story.subList(9, 10)); // v10 retracts v9
        AgreementStatus retracted = now(statuses, id);
        assertEquals(expected(id), retracted);
        assertCounts(0, 1, 3, 17 + 1 + 10);

        apply(june(id)); // v11-v14 after the retraction
        AgreementStatus june = now(statuses, id);
        assertEquals(expected(id), june);
        assertEquals("CONCLUDED", june.progress().name());
        assertCounts(0, 2, 3, 28 + 4);
    }

    @Test
    void aLowerVersionStoredAfterAHigherOneIsReadWithAllTheFacts() {
        String id = "extend-low-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        CurrentStatuses statuses = statuses();
        apply(List.of(story.get(0), story.get(1), story.get(3))); // v1, v2, v4
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 0, 1, 3);

        apply(List.of(story.get(2))); // v3: nothing above v4, and the counts do not add up
        AgreementStatus withV3 = now(statuses, id);
        assertEquals(expected(id), withV3);
        assertEquals(4, withV3.basis().eventsKnown());
        assertCounts(0, 0, 2, 3 + 4);

        apply(List.of(story.get(5), story.get(6))); // v6 and v7 while v5 is still missing
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 1, 2, 3 + 4 + 2);

        apply(List.of(story.get(4), story.get(7))); // v5 late, v8 with it: one row above v7 read, the count says no
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 1, 3, 3 + 4 + 2 + 1 + 8);
    }

    @Test
    void aFoldKeptFromAnotherGenerationIsNotExtended() {
        String id = "extend-gen-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        CurrentStatuses statuses = statuses();
        apply(story.subList(0, 4));
        now(statuses, id);
        KeptStatuses.Kept kept = statuses.kept().get(id);
        assertNotNull(kept);
        // as if it had been read before a rebuild switched to the generation active now
        statuses.kept()
                .put(
                        id,
                        new KeptStatuses.Kept(
                                kept.generation() - 1,
                                kept.rowVersion(),
                                kept.lastVersion(),
                                kept.fold(),
                                kept.status()));
        apply(story.subList(4, 5));
        assertEquals(expected(id), now(statuses, id));
        assertCounts(0, 0, 2, 4 + 5);
        assertEquals(kept.generation(), statuses.kept().get(id).generation());
    }

    @Test
    void aListRowWrittenAgainWithoutNewFactsIsReadInFullNotTakenForAnExtension() {
        String id = "extend-row-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = story(id);
        CurrentStatuses statuses = statuses();
        apply(story.subList(0, 4));
        assertEquals(expected(id), now(statuses, id));
        long before = statuses.kept().get(id).rowVersion();
        pool.preparedQuery("update agreement_summary set updated_at = now() where negotiation_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id))
                .await()
                .atMost(DB);
        assertEquals(expected(id), now(statuses, id)); // a new row version, no fact above the kept ones
        assertCounts(0, 0, 2, 4 + 4);
        assertTrue(statuses.kept().get(id).rowVersion() != before, "kept with the row version read with the facts");
        assertEquals(expected(id), now(statuses, id));
        assertCounts(1, 0, 2, 4 + 4);
    }

    @Test
    void anAgreementWithoutAListRowIsAnsweredEmptyByTheCheckAlone() {
        CurrentStatuses statuses = statuses();
        String id = "extend-none-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(statuses.now(id).await().atMost(DB).isEmpty());
        assertCounts(0, 0, 0, 0); // no fact read, nothing kept
        assertTrue(statuses.kept().get(id) == null);
    }

    @Test
    void theCheckOfAKeptStatusReadsNoFact() {
        List<String> relations = new ArrayList<>();
        for (io.vertx.mutiny.sqlclient.Row row : pool.preparedQuery(
                        "explain (format json) " + CurrentStatuses.ROW_VERSION_NOW)
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("any"))
                .await()
                .atMost(DB)) {
            relations(new io.vertx.core.json.JsonArray(row.getValue(0).toString()), relations);
        }
        assertTrue(relations.stream().anyMatch(r -> r.startsWith("agreement_summary")), relations.toString());
        assertTrue(relations.stream().noneMatch(r -> r.startsWith("fact")), relations.toString());
    }

    private static void relations(Object node, List<String> into) {
        if (node instanceof io.vertx.core.json.JsonObject o) {
            if (o.getValue("Relation Name") instanceof String r) {
                into.add(r);
            }
            o.forEach(e -> relations(e.getValue(), into));
        } else if (node instanceof io.vertx.core.json.JsonArray a) {
            a.forEach(v -> relations(v, into));
        }
    }

    private CurrentStatuses statuses() {
        registry = new SimpleMeterRegistry();
        return new CurrentStatuses(pool, new FactQueries(pool), 1 << 22, registry);
    }

    private List<Incoming.Event> story(String id) {
        List<Incoming.Event> story = new ArrayList<>();
        for (Sample s : Stories.february(id)) {
            story.add((Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION));
        }
        return story;
    }

    private List<Incoming.Event> june(String id) {
        List<Incoming.Event> june = new ArrayList<>();
        for (Sample s : Stories.june(id)) {
            june.add((Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION));
        }
        return june;
    }

    private void apply(List<Incoming.Event> events) {
        new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config))
                .apply(ApplyTarget.live(), "current-statuses-test", events, List.of())
                .await()
                .atMost(DB);
    }

    private static AgreementStatus now(CurrentStatuses statuses, String id) {
        return statuses.now(id).await().atMost(DB).orElseThrow();
    }

    /** The status computed from all the agreement's stored facts, read as the other questions read them. */
    private AgreementStatus expected(String id) {
        return AgreementStatusCalculator.status(
                        id, new FactQueries(pool).negotiation(id, null).await().atMost(DB), AsOf.NOW)
                .orElseThrow();
    }

    private void assertCounts(long hits, long extensions, long misses, long factsRead) {
        assertEquals(
                List.of(hits, extensions, misses, factsRead),
                List.of(count("hit"), count("extend"), count("miss"), (long)
                        registry.get("tracker.status.cache.facts.read")
                                .counter()
                                .count()),
                "hits, extensions, misses, fact rows read");
    }

    private long count(String result) {
        return (long) registry.get("tracker.status.cache.requests")
                .tag("result", result)
                .counter()
                .count();
    }
}
