package io.tracker.negotiation.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.local.test.TestKafka;
import io.tracker.local.test.TestTokens;
import io.tracker.negotiation.Auth;
import io.tracker.negotiation.messaging.Contract;

/** Commands sent over REST come out on the topic as CloudEvents that match the published contract. */
@QuarkusTest
class PublishedEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void theStoryAppearsOnTheTopicInOrderAsContractConformingCloudEvents() throws Exception {
        String id = "ca-kr-pub-" + UUID.randomUUID().toString().substring(0, 8);
        String correlation = "corr-" + UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .header("X-Correlation-Id", correlation)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Bodies.leaders())
                .post("/negotiations/{id}/leaders-meetings", id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Bodies.mou())
                .post("/negotiations/{id}/mous", id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Bodies.committee())
                .post("/negotiations/{id}/committees", id)
                .then()
                .statusCode(200);
        List<String> eventIds = given().get("/negotiations/{id}/events", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("eventId");

        List<ConsumerRecord<String, String>> records = read(id, 4);
        assertEquals(
                List.of("NegotiationOpened", "LeadersMet", "MouSigned", "CommitteeFormed"),
                records.stream().map(r -> header(r, "ce_type")).toList());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> r = records.get(i);
            String type = header(r, "ce_type");
            assertEquals(id, r.key());
            assertEquals("1.0", header(r, "ce_specversion"));
            assertEquals(eventIds.get(i), header(r, "ce_id"));
            assertEquals("/negotiation-service", header(r, "ce_source"));
            assertEquals(id, header(r, "ce_subject"));
            assertEquals("negotiation", header(r, "ce_streamtype"));
            assertEquals(Integer.toString(i + 1), header(r, "ce_streamversion"));
            assertEquals("1", header(r, "ce_schemaversion"));
            assertEquals("application/json", header(r, "content-type"));
            assertEquals(
                    "https://contract.tracker.example/negotiation-service/schemas/" + type + ".v1.json",
                    header(r, "ce_dataschema"));
            assertEquals("test-recorder", header(r, "ce_actor"));
            assertTrue(header(r, "ce_time").endsWith("Z"));
            JsonNode data = JSON.readTree(r.value());
            assertEquals(Set.of(), Contract.validate(type, data), type + " data must validate against its schema");
            assertEquals(
                    fieldNames(Contract.sample(type).get("data")),
                    fieldNames(data),
                    type + " has the same members as its golden sample");
            // the golden sample's envelope names exactly the headers that were sent
            Contract.sample(type).fieldNames().forEachRemaining(attribute -> {
                if (!attribute.equals("data")) {
                    String name = attribute.equals("datacontenttype") ? "content-type" : "ce_" + attribute;
                    assertTrue(r.headers().lastHeader(name) != null, type + " record lacks header " + name);
                }
            });
            // tracing is off by default (OTEL_SDK_DISABLED unset): no trace context is stored or sent
            assertEquals(null, header(r, "traceparent"), type + ": no traceparent while tracing is off");
        }
        assertEquals(correlation, header(records.get(0), "ce_correlationid"));
    }

    @Test
    void indicatorsAndClaimsGoOutAsTheirOwnContractConformingEvents() throws Exception {
        String id = "ca-kr-fig-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Bodies.open(id))
                .post("/negotiations")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Bodies.tradeIndicator())
                .post("/negotiations/{id}/indicators", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        JsonNode corrected = JSON.readTree(Bodies.tradeIndicator()).get("indicator");
        ((com.fasterxml.jackson.databind.node.ObjectNode) corrected).put("qualifier", "ABOUT");
        ((com.fasterxml.jackson.databind.node.ArrayNode) corrected.get("sources"))
                .addObject()
                .put("title", "The release rounds the figure")
                .put("publisher", "Tracking team")
                .put("kind", "ANALYST");
        given().contentType(ContentType.JSON)
                .body("{\"targetVersion\": 2, \"reason\": \"rounded\", \"corrected\": " + corrected + "}")
                .post("/negotiations/{id}/indicator-corrections", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        given().contentType(ContentType.JSON)
                .body(Bodies.claim())
                .post("/negotiations/{id}/claims", id)
                .then()
                .statusCode(200)
                .header("ETag", "\"4\"");
        given().contentType(ContentType.JSON)
                .body("{\"targetVersion\": 4, \"reason\": \"twice\"}")
                .post("/negotiations/{id}/claim-retractions", id)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"targetVersion\": 2, \"reason\": \"wrong\"}")
                .post("/negotiations/{id}/indicator-retractions", id)
                .then()
                .statusCode(200);
        // a fact's retraction does not reach an indicator (422, nothing appended)
        given().contentType(ContentType.JSON)
                .body("{\"targetVersion\": 2, \"reason\": \"x\", \"sources\": [" + Bodies.NEWS + "]}")
                .post("/negotiations/{id}/retractions", id)
                .then()
                .statusCode(422)
                .body("code", org.hamcrest.Matchers.equalTo("correction-target-not-a-fact"));

        List<ConsumerRecord<String, String>> records = read(id, 6);
        assertEquals(
                List.of(
                        "NegotiationOpened",
                        "IndicatorRecorded",
                        "IndicatorCorrected",
                        "ClaimRecorded",
                        "ClaimRetracted",
                        "IndicatorRetracted"),
                records.stream().map(r -> header(r, "ce_type")).toList());
        for (ConsumerRecord<String, String> r : records) {
            String type = header(r, "ce_type");
            JsonNode data = JSON.readTree(r.value());
            assertEquals(Set.of(), Contract.validate(type, data), type + " data must validate against its schema");
            assertEquals(fieldNames(Contract.sample(type).get("data")), fieldNames(data), type);
            assertEquals(
                    "https://contract.tracker.example/negotiation-service/schemas/" + type + ".v1.json",
                    header(r, "ce_dataschema"));
        }
        JsonNode recorded = JSON.readTree(records.get(1).value()).get("indicator");
        assertEquals("24500000000", recorded.get("value").asText());
        assertEquals("CAD", recorded.get("currency").asText());
        assertEquals("2024", recorded.at("/period/text").asText());
        assertEquals("2", header(records.get(1), "ce_streamversion"));
        JsonNode claim = JSON.readTree(records.get(3).value()).get("claim");
        assertTrue(claim.at("/source/publisher").isNull(), "publisher not stated stays null, not a made-up label");
        assertEquals(
                "ANALYST",
                JSON.readTree(records.get(2).value())
                        .at("/corrected/sources/1/kind")
                        .asText());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private List<ConsumerRecord<String, String>> read(String key, int expected) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("tracker.negotiation.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
        }
        return mine;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
