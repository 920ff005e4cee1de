package io.tracker.projection.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.RecordReader;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The agreement states in the real store: a long stream's batches read and write a bounded part (the stored head's
 * bytes, the entries read and written), whatever the stream's length; and a database upgraded from states of
 * encoding 1 (every fact inside the state, no entries) keeps answering and folds each agreement again once.
 */
@QuarkusTest
class AgreementStateStoreTest {
    private static final Duration DB = Duration.ofSeconds(30);
    private static final String ACTIVE =
            " and generation = (select generation from projection_generation where state = 'ACTIVE')";

    @Inject
    Pool pool;

    @Inject
    ProjectionConfig config;

    private final RecordReader reader = new RecordReader();

    /**
     * 1,200 events in batches of 40 (talks held or planned, trade missions of a few facts each, committee and forum
     * announcements, stalls and resumptions, corrections of planned talks): every batch reads at most its targets'
     * and missions' entries and writes its own events' and targets' entries; the stored head stays the same small
     * size from the first batch to the last; the row is the calculator's over the whole history.
     */
    @Test
    void aLongStreamReadsAndWritesABoundedPartPerBatch() {
        String id = "long-" + UUID.randomUUID().toString().substring(0, 8);
        ProjectionWriter writer =
                new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config));
        List<Incoming.Event> batch = new ArrayList<>();
        List<RecordedEvent> applied = new ArrayList<>();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        long plannedTalk = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int v = 1; v <= 1200; v++) {
            t = t.plusSeconds(1);
            Sample s;
            if (v == 1) {
                s = Sample.of("NegotiationOpened");
            } else if (v % 10 == 5) {
                s = Sample.of(v % 20 == 5 ? "TradeMissionAnnounced" : "TradeMissionCompleted")
                        .set("/missionId", "\"mission-" + v / 40 + "\"");
            } else if (v % 10 == 7) {
                s = Sample.of(v % 20 == 7 ? "CommitteeFormed" : "ForumEstablished")
                        .set("/fact/status", "\"ANNOUNCED\"");
            } else if (v % 10 == 9) {
                s = Sample.of(v % 20 == 9 ? "NegotiationStalled" : "NegotiationResumed");
            } else if (v % 10 == 3 && plannedTalk > 0) {
                s = Sample.read(Sample.NEGOTIATION_SAMPLES.resolve("FactCorrected.v2.json"))
                        .set("/correctsVersion", Long.toString(plannedTalk))
                        .set("/corrected/status", "\"PLANNED\"");
            } else {
                boolean planned = v % 4 == 0;
                s = Sample.of("TalksHeld").set("/fact/status", planned ? "\"PLANNED\"" : "\"OCCURRED\"");
                plannedTalk = planned ? v : plannedTalk;
            }
            Incoming.Event e = read(s.inStream(id).version(v).time(t.toString()));
            batch.add(e);
            applied.add(e.event());
            if (batch.size() == 40) {
                long read = writer.states().entriesRead();
                long written = writer.states().entriesWritten();
                writer.apply(ApplyTarget.live(), "state-store-test", List.copyOf(batch), List.of())
                        .await()
                        .atMost(DB);
                long readByBatch = writer.states().entriesRead() - read;
                long writtenByBatch = writer.states().entriesWritten() - written;
                // targets (at most 4 corrections) and the missions of 4 mission facts (at most 2 missions of 4 facts)
                assertTrue(readByBatch <= 4 + 2 * 4, "entries read by the batch ending at v" + v + ": " + readByBatch);
                assertTrue(
                        writtenByBatch <= 40, "entries written by the batch ending at v" + v + ": " + writtenByBatch);
                int bytes = stateBytes(id);
                smallest = Math.min(smallest, bytes);
                largest = Math.max(largest, bytes);
                batch.clear();
            }
        }
        assertEquals(0, writer.states().fromStore(), "never folded from the store's facts");
        assertEquals(0, writer.states().nextBest(), "never looked up a next best");
        assertTrue(
                largest < 1024 && largest - smallest <= 64,
                "stored head from " + smallest + " to " + largest + " bytes over 1,200 events");
        assertRow(id, applied);
        assertEquals(
                applied.stream().filter(e -> AgreementStateEntry.of(e) != null).count(),
                entries(id),
                "one entry per fact and status change");
    }

    /**
     * Amendments that take away what decided something (the opening, the latest stall, a milestone's first completion,
     * the latest talks, the best trade mission) are answered by the next best from the store's entries: after each
     * event, the row is the calculator's over the whole history.
     */
    @Test
    void amendmentsOfWhatDecidedLookUpTheNextBest() {
        String id = "next-best-" + UUID.randomUUID().toString().substring(0, 8);
        ProjectionWriter writer =
                new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config));
        List<Sample> samples = List.of(
                Sample.of("NegotiationOpened"), // v1
                Sample.of("NegotiationOpened").set("/title", "\"Second opening\""), // v2
                dated(Sample.of("TalksHeld"), "2026-01-10"), // v3
                dated(Sample.of("TalksHeld"), "2026-02-10"), // v4
                dated(Sample.of("MouSigned"), "2026-03-01"), // v5
                dated(Sample.of("MouSigned"), "2026-02-01"), // v6
                Sample.of("NegotiationStalled"), // v7
                Sample.of("NegotiationResumed"), // v8
                dated(Sample.of("TradeMissionCompleted"), "2026-04-01").set("/missionId", "\"m-a\""), // v9
                dated(Sample.of("TradeMissionCompleted"), "2026-05-01").set("/missionId", "\"m-b\""), // v10
                retraction(4),
                retraction(6),
                retraction(8),
                retraction(1),
                retraction(10), // v11-v15
                correction(5, "2025-12-01", "OCCURRED"),
                correction(3, "2026-06-01", "PLANNED"), // v16, v17
                retraction(7),
                retraction(2),
                retraction(9)); // v18-v20
        List<RecordedEvent> applied = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Incoming.Event e = read(samples.get(i)
                    .inStream(id)
                    .version(i + 1)
                    .time(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i).toString()));
            writer.apply(ApplyTarget.live(), "state-store-test", List.of(e), List.of())
                    .await()
                    .atMost(DB);
            applied.add(e.event());
            assertRow(id, applied);
        }
        assertEquals(0, writer.states().fromStore(), "never folded from the store's facts");
        assertTrue(
                writer.states().nextBest() >= 8,
                "next bests looked up: " + writer.states().nextBest());
    }

    private static Sample dated(Sample s, String day) {
        return s.set(
                "/fact/date",
                "{\"text\":\"" + day + "\",\"precision\":\"DAY\",\"earliest\":\"" + day + "\",\"latest\":\"" + day
                        + "\"}");
    }

    private static Sample retraction(long target) {
        return Sample.of("FactRetracted").set("/targetVersion", Long.toString(target));
    }

    private static Sample correction(long target, String day, String status) {
        return Sample.read(Sample.NEGOTIATION_SAMPLES.resolve("FactCorrected.v2.json"))
                .set("/correctsVersion", Long.toString(target))
                .set("/corrected/status", "\"" + status + "\"")
                .set(
                        "/corrected/date",
                        "{\"text\":\"" + day + "\",\"precision\":\"DAY\",\"earliest\":\"" + day + "\",\"latest\":\""
                                + day + "\"}");
    }

    /**
     * An agreement whose state was stored by the previous version (encoding 1, no entries): V7 drops that state, the
     * list row keeps answering, the next event folds the agreement once from its facts (writing its head and all its
     * entries), and the events after fold from the head again.
     */
    @Test
    void anUpgradedDatabaseFoldsEachOldStateAgainOnce() throws IOException {
        String id = "upgraded-" + UUID.randomUUID().toString().substring(0, 8);
        List<Incoming.Event> story = new ArrayList<>();
        for (Sample s : Stories.february(id)) {
            story.add(read(s));
        }
        ProjectionWriter writer =
                new ProjectionWriter(pool, config, new SimpleMeterRegistry(), new AppliedPositions(pool, config));
        List<RecordedEvent> applied = new ArrayList<>();
        for (Incoming.Event e : story.subList(0, 6)) {
            writer.apply(ApplyTarget.live(), "state-store-test", List.of(e), List.of())
                    .await()
                    .atMost(DB);
            applied.add(e.event());
        }
        String stageBefore = stage(id);
        // the database as the previous version left it: a state of encoding 1, no entries
        pool.preparedQuery("delete from agreement_fact where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB);
        pool.preparedQuery("update agreement_summary set state_encoding = 1, state = '\\x0000000601'::bytea"
                        + " where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB);

        pool.query(migration("db/projection/V7__agreement_state_head.sql"))
                .execute()
                .await()
                .atMost(DB);
        Row after = pool.preparedQuery("select state_encoding, state, stage from agreement_summary"
                        + " where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next();
        assertNull(after.getValue(0), "the old encoding is dropped");
        assertNull(after.getValue(1), "the old state is dropped");
        assertEquals(stageBefore, after.getString(2), "the list row keeps answering");

        for (Incoming.Event e : story.subList(6, story.size())) {
            writer.apply(ApplyTarget.live(), "state-store-test", List.of(e), List.of())
                    .await()
                    .atMost(DB);
            applied.add(e.event());
            assertRow(id, applied);
        }
        assertEquals(1, writer.states().fromStore(), "folded once from the store's facts");
        assertEquals(story.size() - 1, writer.states().fromState());
        assertEquals(
                applied.stream().filter(e -> AgreementStateEntry.of(e) != null).count(),
                entries(id),
                "all its entries written");
        assertEquals(
                AgreementStateCodec.ENCODING,
                pool.preparedQuery(
                                "select state_encoding from agreement_summary" + " where negotiation_id = $1" + ACTIVE)
                        .execute(Tuple.of(id))
                        .await()
                        .atMost(DB)
                        .iterator()
                        .next()
                        .getShort(0));
    }

    private Incoming.Event read(Sample s) {
        return (Incoming.Event) reader.read(s.toConsumerRecord(0), StreamKind.NEGOTIATION);
    }

    private int stateBytes(String id) {
        return pool.preparedQuery(
                        "select octet_length(state) from agreement_summary where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getInteger(0);
    }

    private long entries(String id) {
        return pool.preparedQuery("select count(*) from agreement_fact where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getLong(0);
    }

    private String stage(String id) {
        return pool.preparedQuery("select stage from agreement_summary where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getString(0);
    }

    private void assertRow(String id, List<RecordedEvent> applied) {
        AgreementStatus expected =
                AgreementStatusCalculator.status(id, applied, AsOf.NOW).orElseThrow();
        Row row = pool.preparedQuery("select stage, last_milestone, pending_milestones, binding, last_version, title"
                        + " from agreement_summary where negotiation_id = $1" + ACTIVE)
                .execute(Tuple.of(id))
                .await()
                .atMost(DB)
                .iterator()
                .next();
        String when = "after " + applied.size() + " events";
        assertEquals(expected.stage().name(), row.getString(0), when);
        assertEquals(
                expected.lastMilestone() == null
                        ? null
                        : expected.lastMilestone().summary(),
                row.getString(1),
                when);
        assertEquals(expected.milestonesPending().size(), row.getInteger(2), when);
        assertEquals(expected.binding(), row.getBoolean(3), when);
        assertEquals(expected.basis().lastVersion(), row.getLong(4), when);
        assertEquals(expected.title(), row.getString(5), when);
    }

    private static String migration(String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                AgreementStateStoreTest.class.getClassLoader().getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
