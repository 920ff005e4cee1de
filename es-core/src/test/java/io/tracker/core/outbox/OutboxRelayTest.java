package io.tracker.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.core.store.AppendedEvent;
import io.tracker.core.store.CommandResult;
import io.tracker.core.store.EventStore;
import io.tracker.core.store.Events;
import io.tracker.core.store.ExpectedVersion;
import io.tracker.core.tracing.Traceparents;
import io.tracker.local.LocalStack;
import io.tracker.local.test.InjectLocalStack;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class OutboxRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @InjectLocalStack
    LocalStack stack;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.outbox.topic")
    String topic;

    @Test
    void anAppendIsPublishedAsACloudEventWithoutWaitingForAPoll() {
        String stream = "ce-" + UUID.randomUUID();
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.until(r -> false, Duration.ofMillis(500)); // joined the group before the append
            CommandResult result = store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 1))
                    .await()
                    .atMost(WAIT);
            // the fallback poll is 60 s in this profile: arriving well before proves the commit woke the relay
            List<ConsumerRecord<String, String>> records =
                    reader.until(r -> ofStream(r, stream).size() == 1, Duration.ofSeconds(10));
            ConsumerRecord<String, String> record = ofStream(records, stream).get(0);
            AppendedEvent event = result.events().get(0);

            assertEquals(stream, record.key());
            assertEquals("{\"n\": 0, \"label\": \"" + stream + "\"}", record.value());
            assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
            assertEquals(event.eventId().toString(), header(record, CloudEventHeaders.ID));
            assertEquals("Ticked", header(record, CloudEventHeaders.TYPE));
            assertEquals("/es-core-test", header(record, CloudEventHeaders.SOURCE));
            assertEquals(stream, header(record, CloudEventHeaders.SUBJECT));
            assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
            assertEquals("1", header(record, CloudEventHeaders.SCHEMA_VERSION));
            assertEquals("1", header(record, CloudEventHeaders.STREAM_VERSION));
            assertEquals("tally", header(record, CloudEventHeaders.STREAM_TYPE));
            assertEquals(Long.toString(event.position()), header(record, CloudEventHeaders.POSITION));
            assertEquals("corr-1", header(record, CloudEventHeaders.CORRELATION_ID));
            assertEquals(
                    "https://contract.tracker.example/es-core-test/schemas/Ticked.v1.json",
                    header(record, CloudEventHeaders.DATA_SCHEMA));
            assertTrue(header(record, CloudEventHeaders.TIME).matches("\\d{4}-\\d{2}-\\d{2}T.*Z"));
            assertNull(header(record, Traceparents.HEADER), "a command without a trace sends no traceparent");
        }
    }

    @Test
    void theTraceparentOfATracedAppendIsStoredAndSentAsARecordHeader() {
        String stream = "traced-" + UUID.randomUUID();
        // the command's span (no server span in this test: a remote context stands in for it)
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        SpanContext command = SpanContext.createFromRemoteParent(
                traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            reader.until(r -> false, Duration.ofMillis(500));
            try (Scope scope = Span.wrap(command).makeCurrent()) {
                store.append(Events.request(stream, ExpectedVersion.NO_STREAM, 2))
                        .await()
                        .atMost(WAIT);
            }
            List<String> stored = new ArrayList<>();
            pool.preparedQuery("select traceparent from es_events where stream_id = $1 order by version")
                    .execute(Tuple.of(stream))
                    .await()
                    .atMost(WAIT)
                    .forEach(row -> stored.add(row.getString(0)));
            assertEquals(
                    List.of("00-" + traceId + "-00f067aa0ba902b7-01", "00-" + traceId + "-00f067aa0ba902b7-01"),
                    stored,
                    "every event of the command stores the command's traceparent");

            List<ConsumerRecord<String, String>> records =
                    ofStream(reader.until(r -> ofStream(r, stream).size() == 2, WAIT), stream);
            for (ConsumerRecord<String, String> record : records) {
                // the relay's publish span: a child in the command's trace (its own span id)
                String sent = header(record, Traceparents.HEADER);
                assertTrue(sent != null && sent.matches("00-" + traceId + "-[0-9a-f]{16}-01"), sent);
                assertNotEquals("00f067aa0ba902b7", sent.substring(36, 52), "the publish span, not the command's own");
            }
        }
    }

    @Test
    void manyStreamsWrittenConcurrentlyArriveInStreamOrder() throws Exception {
        String tag = "order-" + UUID.randomUUID().toString().substring(0, 8);
        int streams = 40;
        int appendsPerStream = 10;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            String stream = tag + "-" + s;
            writes.add(writers.submit(() -> {
                for (int i = 0; i < appendsPerStream; i++) {
                    store.append(Events.request(stream, i * 2L, 2)).await().atMost(WAIT);
                }
                return null;
            }));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        writers.shutdown();
        int expected = streams * appendsPerStream * 2;
        assertDeliveredInOrder(tag, expected);
    }

    @Test
    void eventsAppendedWhileTheBrokerIsDownGoOutInOrderOnceItIsBack() throws Exception {
        String tag = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        int streams = 5;
        long[] versions = new long[streams];
        appendRound(tag, streams, versions, 3);
        stack.kafka().stop();
        try {
            // commands keep being accepted: the events wait in the log
            for (int round = 0; round < 4; round++) {
                appendRound(tag, streams, versions, 5);
            }
            awaitRelayFailure();
            // the backlog gauges show it: at least the events appended during the outage, the oldest waiting a while
            Thread.sleep(1100);
            awaitBacklog(n -> n >= 4 * 5 * streams, "the events appended while the broker is down");
            assertTrue(
                    relay.oldestUnpublishedAgeSeconds() >= 1.0,
                    "age of the oldest: " + relay.oldestUnpublishedAgeSeconds());
        } finally {
            stack.kafka().start();
        }
        appendRound(tag, streams, versions, 2);
        int expected = (int) java.util.Arrays.stream(versions).sum();
        assertDeliveredInOrder(tag, expected);
        awaitPending(0);
        awaitBacklog(n -> n == 0, "nothing once all went out");
        assertEquals(0.0, relay.oldestUnpublishedAgeSeconds(), "no oldest unpublished event");
    }

    @Test
    void aRestartedRelayPublishesFromOneThreadOnly() throws Exception {
        // a second start while the first thread still runs (or a stop whose thread outlived its 10 s join) must not
        // leave two publishers with positions of their own: they would interleave a stream's events out of order
        relay.start();
        relay.start();
        assertEquals(
                1,
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.isAlive() && t.getName().equals("outbox-relay"))
                        .count(),
                "publishing threads");
        String tag = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        int streams = 4;
        long[] versions = new long[streams];
        for (int round = 0; round < 5; round++) {
            appendRound(tag, streams, versions, 2);
        }
        assertDeliveredInOrder(tag, (int) java.util.Arrays.stream(versions).sum());
    }

    private void appendRound(String tag, int streams, long[] versions, int perStream) {
        for (int s = 0; s < streams; s++) {
            store.append(Events.request(tag + "-" + s, versions[s], perStream))
                    .await()
                    .atMost(WAIT);
            versions[s] += perStream;
        }
    }

    private void awaitRelayFailure() throws InterruptedException {
        // generous: a loaded machine stretches the producer's timeouts
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (relay.lastError() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(relay.lastError() != null, "the relay noticed the broker was gone");
        awaitBacklog(n -> n > 0, "events wait in the log");
        assertTrue(relay.oldestUnpublishedAgeSeconds() > 0, "the oldest waiting event has an age");
    }

    private void awaitPending(long count) throws InterruptedException {
        awaitBacklog(n -> n == count, "events waiting: " + count);
    }

    /** The backlog as the relay's gauges read it, until it satisfies {@code condition}. */
    private void awaitBacklog(java.util.function.LongPredicate condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(relay.backlogEvents()) && System.nanoTime() < deadline) {
            relay.refreshBacklog();
            Thread.sleep(100);
        }
        assertTrue(condition.test(relay.backlogEvents()), what + "; read " + relay.backlogEvents());
    }

    /** Every event of the tagged streams arrived, each stream's first deliveries in version order 1..n. */
    private void assertDeliveredInOrder(String tag, int expected) {
        try (TopicReader reader = new TopicReader(bootstrap, topic)) {
            List<ConsumerRecord<String, String>> records =
                    reader.until(r -> distinctIds(tagged(r, tag)) >= expected, Duration.ofSeconds(90));
            List<ConsumerRecord<String, String>> mine = tagged(records, tag);
            assertEquals(expected, distinctIds(mine), "no event lost");
            Map<String, List<Long>> firstSeen = new LinkedHashMap<>();
            Set<String> ids = new java.util.HashSet<>();
            for (ConsumerRecord<String, String> r : mine) {
                if (ids.add(header(r, CloudEventHeaders.ID))) {
                    firstSeen
                            .computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(Long.parseLong(header(r, CloudEventHeaders.STREAM_VERSION)));
                }
            }
            firstSeen.forEach((stream, versions) -> {
                List<String> raw = mine.stream()
                        .filter(r -> r.key().equals(stream))
                        .map(r -> header(r, CloudEventHeaders.STREAM_VERSION) + "@" + r.partition() + ":" + r.offset())
                        .toList();
                for (int i = 0; i < versions.size(); i++) {
                    assertEquals(i + 1L, versions.get(i), "order of " + stream + ", as delivered: " + raw);
                }
            });
        }
    }

    private static List<ConsumerRecord<String, String>> tagged(
            List<ConsumerRecord<String, String>> records, String tag) {
        return records.stream().filter(r -> r.key().startsWith(tag + "-")).toList();
    }

    private static List<ConsumerRecord<String, String>> ofStream(
            List<ConsumerRecord<String, String>> records, String s) {
        return records.stream().filter(r -> r.key().equals(s)).toList();
    }

    private static long distinctIds(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> header(r, CloudEventHeaders.ID))
                .collect(Collectors.toSet())
                .size();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return CloudEventHeaders.get(r.headers(), name);
    }
}
