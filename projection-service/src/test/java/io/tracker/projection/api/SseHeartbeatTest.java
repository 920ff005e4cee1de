package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;

/**
 * An idle status stream carries a comment line every tracker.sse.heartbeat (1 s in tests), so that
 * proxies keep it open, and the status events still arrive between them. Read with a real HTTP client.
 */
@QuarkusTest
class SseHeartbeatTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.sse.heartbeat")
    Duration heartbeat;

    @TestHTTPResource("/")
    URL base;

    @Test
    void anIdleStreamCarriesHeartbeatCommentsBetweenItsEvents() throws Exception {
        assertEquals(Duration.ofSeconds(1), heartbeat, "the test profile's heartbeat");
        String id = "beat-" + UUID.randomUUID().toString().substring(0, 8);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            Eventually.assertThat(
                    Duration.ofSeconds(30),
                    () -> given().get("/agreements/{id}", id).then().statusCode(200));

            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "agreements/" + id + "/status/stream"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", Auth.analyst())
                    .build();
            CompletableFuture<HttpResponse<Stream<String>>> response =
                    HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            CompletableFuture<Void> reading = response.thenAccept(r -> r.body().forEach(lines::add));
            try {
                String first = next(lines, l -> l.startsWith("data:"));
                assertEquals(
                        "OPENED",
                        new ObjectMapper()
                                .readTree(first.substring(5).trim())
                                .get("stage")
                                .asText());
                assertEquals(
                        "text/event-stream",
                        response.get(10, TimeUnit.SECONDS)
                                .headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .split(";")[0]);
                // nothing changes: the stream still carries a comment per heartbeat (more than one, in time)
                long start = System.nanoTime();
                next(lines, l -> l.equals(": heartbeat") || l.equals(":heartbeat"));
                next(lines, l -> l.equals(": heartbeat") || l.equals(":heartbeat"));
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(elapsed >= 900, "two heartbeats take at least one interval, took " + elapsed + " ms");
                // a change still arrives as an event, not held back by the heartbeats
                broker.publish(Sample.of("LeadersMet").inStream(id));
                String second = next(lines, l -> l.startsWith("data:"));
                assertEquals(
                        "LEADERS_ENGAGED",
                        new ObjectMapper()
                                .readTree(second.substring(5).trim())
                                .get("stage")
                                .asText());
            } finally {
                response.cancel(true);
                reading.cancel(true);
            }
        }
    }

    /** The next line that matches, skipping others; fails after 30 s. */
    private static String next(BlockingQueue<String> lines, java.util.function.Predicate<String> match)
            throws InterruptedException {
        List<String> skipped = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            if (match.test(line)) {
                return line;
            }
            skipped.add(line);
        }
        assertNotNull(null, "no matching line within 30 s; read: " + skipped);
        return null;
    }
}
