package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;

/** Live streams are bounded per replica: beyond the bound, 503 problem+json; a stream that ends gives its place back. */
@QuarkusTest
@TestProfile(SseConnectionsTest.OneStream.class)
class SseConnectionsTest {
    public static class OneStream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.sse.max-connections", "1");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    SseConnections connections;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @Test
    void theBoundCountsOpenStreamsAndGivesPlacesBack() {
        SseConnections two = new SseConnections(2, new SimpleMeterRegistry());
        two.open();
        two.open();
        assertThrows(SseConnections.TooManyStreams.class, two::open);
        assertEquals(2, two.count());
        two.close();
        two.open();
        assertEquals(2, two.count());
    }

    @Test
    void beyondTheBoundANewStreamIsRefusedUntilOneEnds() throws Exception {
        String id = "sse-bound-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            Eventually.assertThat(
                    Duration.ofSeconds(30),
                    () -> given().get("/agreements/{id}", id).then().statusCode(200));
        }
        Open first = open(id);
        try {
            assertTrue(first.next().startsWith("data:"), "the first stream gets the status");
            assertEquals(1, connections.count());
            given().accept("text/event-stream")
                    .get("/agreements/{id}/status/stream", id)
                    .then()
                    .statusCode(503)
                    .contentType(containsString("application/problem+json"))
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("detail", containsString("tracker.sse.max-connections"));
            assertEquals(1.0, registry.get("tracker.sse.connections").gauge().value(), "the gauge of open streams");
        } finally {
            first.close();
        }
        // the server notices the client left at its next write (a heartbeat, 1 s in tests) and frees the place
        Eventually.assertThat(Duration.ofSeconds(30), () -> assertEquals(0, connections.count()));
        Open again = open(id);
        try {
            assertTrue(again.next().startsWith("data:"), "a new stream is accepted once the first one ended");
        } finally {
            again.close();
        }
    }

    private Open open(String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "agreements/" + id + "/status/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", Auth.analyst())
                .build();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAccept(r -> r.body().forEach(lines::add));
        return new Open(lines, response, reading);
    }

    private record Open(
            BlockingQueue<String> lines,
            CompletableFuture<HttpResponse<Stream<String>>> response,
            CompletableFuture<Void> reading) {
        /** The next data line (skipping the others: event names, heartbeats, blank separators); fails after 30 s. */
        String next() throws InterruptedException {
            java.util.List<String> skipped = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("data:")) {
                    return line;
                }
                if (line != null) {
                    skipped.add(line);
                }
            }
            throw new AssertionError("no data line within 30 s; read: " + skipped);
        }

        void close() {
            response.cancel(true);
            reading.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }
}
