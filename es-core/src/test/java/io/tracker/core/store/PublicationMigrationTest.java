package io.tracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Migration V13 on a database of the previous version (V12: the outbox table, events with their traceparent):
 * publication starts right before the first event the
 * outbox had not delivered (in commit order), and before any event of a transaction still running while it
 * migrates, so no undelivered entry is lost.
 */
@QuarkusTest
class PublicationMigrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    DedicatedConnections connections;

    @Test
    void undeliveredOutboxEntriesAndEntriesOfRunningTransactionsAreStillPublished() throws IOException {
        String db = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        pool.query("create database " + db).execute().await().atMost(WAIT);
        PgConnectOptions options = connections.options().setDatabase(db);
        PgConnection c = connections.connect(options).await().atMost(WAIT);
        PgConnection inFlight = connections.connect(options).await().atMost(WAIT);
        try {
            run(c, script("V1__event_store.sql"));
            run(c, script("V10__snapshots.sql"));
            run(c, script("V12__event_traceparent.sql"));
            // six events, each in a transaction of its own; the outbox delivered 1, 2, 4 (not 3, 5, 6)
            for (int i = 1; i <= 6; i++) {
                run(
                        c,
                        "with e as (insert into es_events (stream_id, stream_type, version, event_id, event_type,"
                                + " schema_version, payload, actor, traceparent) values ('s" + i
                                + "', 't', 1, gen_random_uuid(), 'T',"
                                + " 1, '{}', 'a', " + (i == 3 ? "'" + TRACEPARENT + "'" : "null")
                                + ") returning global_position) insert into es_outbox (global_position, topic, delivered_at)"
                                + " select global_position, 't', " + (i == 1 || i == 2 || i == 4 ? "now()" : "null")
                                + " from e");
            }
            assertEquals(List.of("s3", "s4", "s5", "s6"), afterCheckpoint(c, script(V13)));
            // what the relay reads of the first undelivered event still names its command's trace
            assertEquals(
                    TRACEPARENT,
                    c.query("select traceparent from es_events where stream_id = 's3'")
                            .execute()
                            .await()
                            .atMost(WAIT)
                            .iterator()
                            .next()
                            .getString(0));

            run(c, "update es_outbox set delivered_at = now(); drop table es_publication");
            // everything delivered, but a transaction still running has written an event and its outbox row
            run(inFlight, "begin");
            run(
                    inFlight,
                    "with e as (insert into es_events (stream_id, stream_type, version, event_id, event_type,"
                            + " schema_version, payload, actor) values ('late', 't', 1, gen_random_uuid(), 'T', 1, '{}', 'a')"
                            + " returning global_position) insert into es_outbox (global_position, topic) select global_position,"
                            + " 't' from e");
            run(
                    c,
                    "with e as (insert into es_events (stream_id, stream_type, version, event_id, event_type,"
                            + " schema_version, payload, actor) values ('s7', 't', 1, gen_random_uuid(), 'T', 1, '{}', 'a')"
                            + " returning global_position) insert into es_outbox (global_position, topic, delivered_at)"
                            + " select global_position, 't', now() from e");
            run(c, script(V13));
            run(inFlight, "commit");
            // s7 was delivered but comes after the running transaction: published again (at least once)
            assertEquals(List.of("late", "s7"), afterCheckpoint(c, null));
        } finally {
            inFlight.close().await().atMost(WAIT);
            c.close().await().atMost(WAIT);
            pool.query("drop database " + db).execute().await().atMost(WAIT);
        }
    }

    private static final String V13 = "V13__publication_from_the_event_log.sql";
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /** Runs V13 (when given) and lists the streams of the events after the checkpoint, in commit order. */
    private List<String> afterCheckpoint(PgConnection c, String migration) {
        if (migration != null) {
            run(c, migration);
        }
        List<String> streams = new ArrayList<>();
        for (Row r : c.query(
                        "select e.stream_id from es_events e, es_publication p where (e.transaction_id,"
                                + " e.global_position) > (p.transaction_id, p.global_position) order by e.transaction_id, e.global_position")
                .execute()
                .await()
                .atMost(WAIT)) {
            streams.add(r.getString(0));
        }
        return streams;
    }

    private static void run(PgConnection c, String sql) {
        c.query(sql).execute().await().atMost(WAIT);
    }

    private static String script(String name) throws IOException {
        try (InputStream in = PublicationMigrationTest.class.getResourceAsStream("/db/eventstore/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
