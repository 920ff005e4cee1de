package io.tracker.projection.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;

/** An agreement's status as Server-Sent Events: the current one, then one per committed change. */
@QuarkusTest
class LiveUpdatesTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL base;

    @Test
    void statusUpdatesArriveAsServerSentEvents() throws Exception {
        String id = "live-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectMapper json = new ObjectMapper();
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            Eventually.assertThat(
                    Duration.ofSeconds(30),
                    () -> given().get("/agreements/{id}", id).then().statusCode(200));

            BlockingQueue<String> data = new LinkedBlockingQueue<>();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "agreements/" + id + "/status/stream"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", Auth.analyst())
                    .build();
            CompletableFuture<HttpResponse<Stream<String>>> response =
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            CompletableFuture<Void> reading = response.thenAccept(r -> r.body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> data.add(line.substring(5).trim())));
            try {
                JsonNode first = json.readTree(poll(data));
                assertEquals("OPENED", first.get("stage").asText());

                broker.publish(Sample.of("LeadersMet").inStream(id));
                JsonNode second = json.readTree(poll(data));
                assertEquals("LEADERS_ENGAGED", second.get("stage").asText());
                assertEquals(
                        "leaders' meeting: held",
                        second.get("lastMilestone").get("summary").asText());

                broker.publish(Sample.of("MouSigned").inStream(id).version(3));
                String third = poll(data);
                assertEquals("MOU_SIGNED", json.readTree(third).get("stage").asText());

                // the GET answers the status the stream sent, written the same way
                String got = given().get("/agreements/{id}", id)
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .extract()
                        .asString();
                assertEquals(third, got);
                // and it is the JSON the service writes for any status: the same as an answer as of a time
                // (computed from the facts, written by the REST layer), but for the question it answers
                JsonNode asOfNow = json.readTree(given().queryParam("knownAt", "2100-01-01T00:00:00Z")
                        .get("/agreements/{id}", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
                JsonNode current = json.readTree(got);
                ((ObjectNode) asOfNow).remove("asOf");
                ((ObjectNode) current).remove("asOf");
                assertEquals(asOfNow, current);
            } finally {
                response.cancel(true);
                reading.cancel(true);
            }
        }
        given().get("/agreements/{id}", id).then().body("stage", equalTo("MOU_SIGNED"));
    }

    private static String poll(BlockingQueue<String> data) throws InterruptedException {
        String next = data.poll(30, TimeUnit.SECONDS);
        assertNotNull(next, "no status update within 30 s");
        return next;
    }
}
