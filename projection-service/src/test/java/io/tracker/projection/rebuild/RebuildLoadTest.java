package io.tracker.projection.rebuild;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tracker.local.test.TestKafka;
import io.tracker.projection.config.ProjectionConfig;
import io.tracker.projection.persistence.GenerationPartitions;
import io.tracker.projection.persistence.GenerationStore.Generation;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;
import io.tracker.projection.support.Stories;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A rebuild's LOADING phase on the real broker and database: the facts and links COPYed into unindexed tables, the
 * topics' duplicates loaded once, poison counted, the agreement states folded by the load (none left to the last
 * pass), indexes built and the tables attached, then BUILDING takes what arrived meanwhile; the rebuilt rows (facts,
 * list rows with their state bytes, entries, links) equal the live ones. A load found interrupted (a restart) starts again from
 * offset 0 on emptied tables, whatever its group committed.
 */
@QuarkusTest
@TestProfile(RebuildLoadTest.LoadOn.class)
class RebuildLoadTest {

    /** The load is off by default (see ProjectionConfig#rebuildLoad); on here whatever the default. */
    public static class LoadOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.projection.rebuild-load", "true");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern LOADED = Pattern.compile("loaded: (\\d+) events \\((\\d+) duplicates dropped");
    /** The states the load folded and wrote, their entries, and the streams it left to the last pass. */
    static final Pattern FOLDED = Pattern.compile(
            "(\\d+) agreement states folded by the load written \\((\\d+) entries\\).*?(\\d+) streams left");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    RebuildService rebuilds;

    @Inject
    GenerationPartitions partitions;

    @Inject
    ProjectionConfig config;

    @BeforeEach
    void authenticate() {
        Auth.asRecorder();
    }

    @Test
    void aLoadDropsDuplicatesAndTheReplayTakesWhatArrivedMeanwhile() throws Exception {
        String id = "load-" + UUID.randomUUID().toString().substring(0, 8);
        String during = "during-" + id;
        GenerationRows rows = new GenerationRows(pool);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            List<Sample> story = Stories.february(id);
            List<Sample> investments = Stories.investments(id, id);
            broker.publish(story);
            broker.publish(investments);
            // redeliveries (the same events again) and a poison record in the same stream
            broker.publish(story.subList(0, 3));
            broker.publish(investments.subList(0, 2));
            ProducerRecord<String, byte[]> first = story.get(0).toRecord();
            broker.send(new ProducerRecord<>(
                    first.topic(), null, id, "<not json>".getBytes(StandardCharsets.UTF_8), first.headers()));
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", id).then().body("basis.eventsKnown", equalTo(10)));
            Eventually.assertThat(
                    WAIT,
                    () -> given().get("/agreements/{id}/investments", id).then().body("investments", hasSize(4)));
            int active = given().get("/admin/rebuild").then().extract().path("activeGeneration");
            // the four investments listed need not be all their events: every one applied before the snapshot
            Eventually.assertThat(
                    WAIT, () -> assertEquals(investments.size(), rows.facts(active, id, "investment"), "investments"));

            // holds the load's end at the attach of the list's partition (the facts' and links' are attached first)
            SqlConnection holder = pool.getConnection().await().atMost(WAIT);
            int generation;
            List<String> expected;
            try {
                holder.query("begin").execute().await().atMost(WAIT);
                holder.query("lock table agreement_summary in share update exclusive mode")
                        .execute()
                        .await()
                        .atMost(WAIT);
                Response started = given().post("/admin/rebuild");
                assertEquals(202, started.statusCode(), started.asString());
                generation = started.path("generation");
                assertEquals("LOADING", started.path("state"));
                String facts = "fact_g" + generation;
                Eventually.assertThat(
                        WAIT,
                        () -> assertEquals(
                                1L,
                                rows.count("select count(*) from pg_inherits where inhrelid = to_regclass($1)", facts),
                                "the loaded facts attached"));
                assertEquals(
                        3L,
                        rows.count("select count(*) from pg_index where indrelid = to_regclass($1)", facts),
                        "the facts' key and two indexes built on the loaded table");
                assertEquals("LOADING", rows.state(generation));
                given().get("/admin/rebuild").then().body("state", equalTo("LOADING"));
                given().post("/admin/rebuild").then().statusCode(409);

                // arrives while the generation is still LOADING: the live consumers write only the active one
                broker.publish(Sample.of("NegotiationOpened").inStream(during));
                Eventually.assertThat(
                        WAIT,
                        () -> given().get("/agreements/{id}", during).then().statusCode(200));
                assertEquals(
                        0L,
                        rows.count(
                                "select count(*) from fact where generation = $1 and stream_id = $2",
                                generation,
                                during));
                expected = rows.all(active, id);
            } finally {
                holder.query("rollback").execute().await().atMost(WAIT);
                holder.closeAndAwait();
            }
            assertTrue(expected.stream().anyMatch(r -> r.contains(during)), "the live generation has it");
            int g = generation;
            Eventually.assertThat(WAIT, () -> assertEquals("ACTIVE", rows.state(g)));

            assertEquals(expected, rows.all(generation, id), "the rebuilt rows equal the live ones");
            Matcher loaded = LOADED.matcher(rebuilds.lastLoad());
            assertTrue(loaded.find(), rebuilds.lastLoad());
            assertTrue(rebuilds.lastLoad().startsWith("generation " + generation + " loaded"), rebuilds.lastLoad());
            assertTrue(Long.parseLong(loaded.group(2)) >= 5, "the redeliveries dropped: " + rebuilds.lastLoad());
            Matcher folded = FOLDED.matcher(rebuilds.lastLoad());
            assertTrue(folded.find(), rebuilds.lastLoad());
            assertTrue(Long.parseLong(folded.group(1)) >= 2, "the load folded the states: " + rebuilds.lastLoad());
            assertEquals("0", folded.group(3), rebuilds.lastLoad());
            assertEquals(0L, rebuilds.lastPassStreams(), "the last pass had nothing to fold");
            assertEquals(
                    0L,
                    rows.count(
                            "select count(*) from (select 1 from fact where generation = $1"
                                    + " group by stream_type, stream_id, stream_version having count(*) > 1) d",
                            generation));
            Response status = given().get("/admin/rebuild");
            assertEquals("ACTIVE", status.path("state"));
            assertTrue(((Number) status.path("poisonSkipped")).longValue() >= 1, status.asString());
            assertTrue(
                    ((Number) status.path("eventsApplied")).longValue() >= Long.parseLong(loaded.group(1)) + 1,
                    "the load's events and the replay's: " + status.asString());
        }
    }

    @Test
    void anInterruptedLoadStartsAgainFromTheBeginning() throws Exception {
        String id = "reload-" + UUID.randomUUID().toString().substring(0, 8);
        GenerationRows rows = new GenerationRows(pool);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Stories.february(id));
            Eventually.assertThat(
                    WAIT, () -> given().get("/agreements/{id}", id).then().body("basis.eventsKnown", equalTo(10)));
        }
        int active = given().get("/admin/rebuild").then().extract().path("activeGeneration");
        List<String> expected = rows.all(active, id);
        assertFalse(expected.isEmpty());

        // what a process stopped while loading leaves: the generation LOADING, rows in its table, its group's offsets
        // at the end of the topics
        int next = (int) rows.count("select max(generation) + 1 from projection_generation");
        String group = config.rebuildGroupPrefix() + next;
        pool.preparedQuery("select projection_load_table('fact', $1)")
                .execute(Tuple.of(next))
                .await()
                .atMost(WAIT);
        pool.query("insert into fact_g" + next
                        + " (generation, stream_type, stream_id, stream_version, event_id, event_type, schema_version,"
                        + " recorded_at, source_topic, source_partition, source_offset, payload) values (" + next
                        + ", 'negotiation', 'junk-" + id + "', 1, gen_random_uuid(), 'NegotiationOpened', 1, now(),"
                        + " 't', 0, 0, '{}')")
                .execute()
                .await()
                .atMost(WAIT);
        commitEndOffsets(group);
        pool.preparedQuery("insert into projection_generation (generation, state, group_id) values ($1, 'LOADING', $2)")
                .execute(Tuple.of(next, group))
                .await()
                .atMost(WAIT);

        rebuilds.launch(new Generation(next, "LOADING", group)); // as the service's start does
        Eventually.assertThat(WAIT, () -> assertEquals("ACTIVE", rows.state(next)));

        assertEquals(expected, rows.all(next, id), "loaded from offset 0, not from the offsets committed");
        assertEquals(
                0L,
                rows.count("select count(*) from fact where generation = $1 and stream_id like 'junk-%'", next),
                "the interrupted load's rows are gone");
    }

    @Test
    void theLoadedTablesGetTheirParentsIndexesAllAtOnceAndATryAgainChangesNothing() {
        GenerationRows rows = new GenerationRows(pool);
        int g = (int) rows.count("select max(generation) + 500 from projection_generation");
        try {
            partitions.prepareLoad(g).await().atMost(WAIT);
            pool.query("insert into fact_g" + g
                            + " (generation, stream_type, stream_id, stream_version, event_id, event_type, schema_version,"
                            + " recorded_at, source_topic, source_partition, source_offset, payload) values (" + g
                            + ", 'negotiation', 'indexed-" + g
                            + "', 1, gen_random_uuid(), 'NegotiationOpened', 1, now(),"
                            + " 't', 0, 0, '{}')")
                    .execute()
                    .await()
                    .atMost(WAIT);
            for (String table : GenerationPartitions.LOADED_TABLES) {
                assertEquals(0L, indexes(rows, GenerationPartitions.partition(table, g)), table + " loaded unindexed");
            }

            partitions.indexLoaded(g).await().atMost(WAIT);
            Map<String, Long> built = new HashMap<>();
            for (String table : GenerationPartitions.LOADED_TABLES) {
                long parent = indexes(rows, table);
                assertTrue(parent > 0, table + " has indexes");
                long own = indexes(rows, GenerationPartitions.partition(table, g));
                assertEquals(parent, own, table + ": every index of the parent built on the loaded table");
                built.put(table, own);
            }
            // what a retry after a failure of one table does: the tables built already are left as they are
            partitions.indexLoaded(g).await().atMost(WAIT);
            for (String table : GenerationPartitions.LOADED_TABLES) {
                assertEquals(built.get(table), indexes(rows, GenerationPartitions.partition(table, g)), table);
            }
            assertEquals(1L, rows.count("select count(*) from fact_g" + g), "the loaded row kept");
        } finally {
            partitions.drop(g).await().atMost(WAIT);
        }
    }

    private static long indexes(GenerationRows rows, String table) {
        return rows.count("select count(*) from pg_index where indrelid = to_regclass($1)", table);
    }

    /** Commits the end offset of every partition of the event topics for {@code group}. */
    private void commitEndOffsets(String group) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Sample.NEGOTIATION_TOPIC, Sample.INVESTMENT_TOPIC)) {
                c.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            c.endOffsets(partitions).forEach((tp, end) -> ends.put(tp, new OffsetAndMetadata(end)));
            c.assign(partitions);
            c.commitSync(ends);
        }
    }
}
