package io.tracker.investment.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.core.messaging.CloudEventHeaders;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.local.test.TestKafka;
import io.tracker.local.test.TestTokens;

/** What subscribers see: the outbox relay's records on tracker.investment.events, against the contract. */
@QuarkusTest
class InvestmentTopicTest {
    private static final Duration AT_MOST = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void anAnnouncementIsPublishedAsABinaryModeCloudEventThatMatchesItsSchema() throws Exception {
        String id = Bodies.newId("lges");
        String eventId = given().contentType(ContentType.JSON)
                .header("X-Correlation-Id", "corr-" + id)
                .body(Bodies.announce(id))
                .post("/investments")
                .then()
                .statusCode(201)
                .extract()
                .path("events[0].eventId");

        ConsumerRecord<String, String> record = firstRecordOf(id)
                .orElseThrow(() ->
                        new AssertionError("no record of " + id + " on tracker.investment.events within " + AT_MOST));

        assertEquals(id, record.key());
        assertEquals("1.0", header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(eventId, header(record, CloudEventHeaders.ID));
        assertEquals("/investment-service", header(record, CloudEventHeaders.SOURCE));
        assertEquals("InvestmentAnnounced", header(record, CloudEventHeaders.TYPE));
        assertEquals(id, header(record, CloudEventHeaders.SUBJECT));
        assertEquals("application/json", header(record, CloudEventHeaders.CONTENT_TYPE));
        assertEquals(
                "https://contract.tracker.example/investment-service/schemas/InvestmentAnnounced.v1.json",
                header(record, CloudEventHeaders.DATA_SCHEMA));
        assertEquals("1", header(record, CloudEventHeaders.SCHEMA_VERSION));
        assertEquals("investment", header(record, CloudEventHeaders.STREAM_TYPE));
        assertEquals("1", header(record, CloudEventHeaders.STREAM_VERSION));
        assertEquals("corr-" + id, header(record, CloudEventHeaders.CORRELATION_ID));
        assertEquals("test-recorder", header(record, CloudEventHeaders.ACTOR));
        assertNotNull(Instant.parse(header(record, CloudEventHeaders.TIME)));
        Long.parseLong(header(record, CloudEventHeaders.POSITION));

        JsonNode data = Contract.JSON.readTree(record.value());
        assertEquals(Set.of(), Contract.validate("InvestmentAnnounced", data));
        assertEquals(id, data.path("investmentId").asText());
        assertEquals("CA-ON", data.path("site").path("province").asText());
        assertEquals(true, data.path("amount").path("undisclosed").asBoolean());
    }

    private Optional<ConsumerRecord<String, String>> firstRecordOf(String id) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "investment-topic-test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("tracker.investment.events"));
            long deadline = System.nanoTime() + AT_MOST.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(r.key())) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.get(record.headers(), name);
    }
}
