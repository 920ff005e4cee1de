package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.DedicatedConnections;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.ExpectedVersion;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a long transaction does to publication. The commit-order read stops below the oldest transaction that
 * could still commit events of this database: one running in ANOTHER database of the same PostgreSQL server does
 * not delay publication (pg_snapshot_xmin alone would hold it back until that transaction ends); one running in
 * this database holds it back until it ends, after which the event goes out at once. The latencies are printed
 * (docs/RELIABILITY.md).
 */
@QuarkusTest
class PublicationLatencyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Inject
    DedicatedConnections connections;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.outbox.topic")
    String topic;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void aLongTransactionInAnotherDatabaseOfTheServerDoesNotDelayPublication() throws Exception {
        String other = "other_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pool.query("create database " + other).execute().await().atMost(WAIT);
        PgConnection elsewhere = connections
                .connect(connections.options().setDatabase(other))
                .await()
                .atMost(WAIT);
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.until(r -> false, Duration.ofMillis(500));
            elsewhere.query("begin").execute().await().atMost(WAIT);
            long xid = Long.parseLong(elsewhere
                    .query("select pg_current_xact_id()::text")
                    .execute()
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next()
                    .getString(0));
            String stream = "elsewhere-" + UUID.randomUUID();
            long start = System.nanoTime();
            CommandResult result = store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            reader.until(r -> ofStream(r, stream).size() == 1, WAIT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(
                    1,
                    ofStream(reader.until(r -> true, Duration.ZERO), stream).size(),
                    "published while the other database's transaction " + xid + " still runs");
            // the cluster-wide horizon (what the relay used to read below) would still hold the event back
            boolean belowClusterXmin = pool.preparedQuery(
                            "select transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
                                    + " from es_events where global_position = $1")
                    .execute(Tuple.of(result.events().get(0).position()))
                    .await()
                    .atMost(WAIT)
                    .iterator()
                    .next()
                    .getBoolean(0);
            assertTrue(!belowClusterXmin, "pg_snapshot_xmin is held back by the other database's transaction");
            System.out.printf("publication latency, long transaction in another database: %d ms%n", millis);
        } finally {
            elsewhere.close().await().atMost(WAIT);
            pool.query("drop database " + other).execute().await().atMost(WAIT);
        }
    }

    @Test
    void aLongTransactionInThisDatabaseHoldsPublicationBackUntilItEndsAndTheBacklogShowsIt() throws Exception {
        PgConnection here = connections.connect().await().atMost(WAIT);
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.until(r -> false, Duration.ofMillis(500));
            here.query("begin").execute().await().atMost(WAIT);
            here.query("select pg_current_xact_id()").execute().await().atMost(WAIT);
            String stream = "here-" + UUID.randomUUID();
            store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            long held = System.nanoTime();

            // it cannot go out while a transaction of this database that is older than it runs ...
            assertEquals(
                    0,
                    ofStream(reader.until(r -> false, Duration.ofSeconds(2)), stream)
                            .size());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!(relay.backlogEvents() >= 1 && relay.oldestUnpublishedAgeSeconds() >= 1)) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "the backlog shows the waiting event: " + relay.backlogEvents() + " events, oldest "
                                + relay.oldestUnpublishedAgeSeconds() + " s");
                relay.refreshBacklog();
                Thread.sleep(100);
            }
            String scraped = scrape();
            assertTrue(
                    scraped.lines()
                            .anyMatch(l -> l.startsWith("tracker_publication_backlog_events") && !l.endsWith(" 0.0")),
                    "backlog gauge exported: "
                            + scraped.lines()
                                    .filter(l -> l.contains("publication"))
                                    .toList());
            assertTrue(
                    scraped.lines().anyMatch(l -> l.startsWith("tracker_publication_oldest_unpublished_age_seconds")));

            // ... and goes out right after it ended, without a new append to wake the relay
            here.query("commit").execute().await().atMost(WAIT);
            long ended = System.nanoTime();
            reader.until(r -> ofStream(r, stream).size() == 1, WAIT);
            long after = (System.nanoTime() - ended) / 1_000_000;
            assertEquals(
                    1, ofStream(reader.until(r -> true, Duration.ZERO), stream).size());
            System.out.printf(
                    "publication, long transaction in this database: held %d ms (as long as it ran),"
                            + " published %d ms after it ended%n",
                    (ended - held) / 1_000_000, after);
        } finally {
            here.close().await().atMost(WAIT);
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static List<ConsumerRecord<String, String>> ofStream(
            List<ConsumerRecord<String, String>> records, String s) {
        return records.stream().filter(r -> r.key().equals(s)).toList();
    }
}
