package io.tracker.projection.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.projection.Management;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;
import io.tracker.projection.support.Sample;

/** Poison records go to the dead-letter topic with the reason in headers; later events still apply; a metric counts them. */
@QuarkusTest
class PoisonRecordsTest {

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.projection.dlq-topic")
    String dlq;

    @Inject
    ProjectionMetrics metrics;

    @Test
    void poisonIsDeadLetteredAndConsumptionCarriesOn() {
        String id = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        double notJson = metrics.deadLetters(PoisonReason.NOT_JSON);
        double unknownType = metrics.deadLetters(PoisonReason.UNKNOWN_TYPE);
        double unsupported = metrics.deadLetters(PoisonReason.UNSUPPORTED_SCHEMA_VERSION);
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            ProducerRecord<String, byte[]> mou =
                    Sample.of("MouSigned").inStream(id).version(2).toRecord();
            broker.publish(Sample.of("NegotiationOpened").inStream(id));
            broker.send(new ProducerRecord<>(
                    mou.topic(), null, id, "<not json>".getBytes(StandardCharsets.UTF_8), mou.headers()));
            broker.publish(Sample.of("MouSigned").inStream(id).version(3).attribute("type", "TreatyRatified"));
            broker.publish(Sample.of("MouSigned").inStream(id).version(4).attribute("schemaversion", "2"));
            // later events of the same stream still apply
            broker.publish(
                    Sample.of("MouSigned").inStream(id).version(2),
                    Sample.of("CommitteeFormed").inStream(id).version(3));

            Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", id)
                    .then()
                    .statusCode(200)
                    .body("stage", equalTo("COMMITTEE_FORMED"))
                    .body("basis.eventsKnown", equalTo(3)));

            List<ConsumerRecord<String, byte[]>> letters =
                    broker
                            .read(
                                    dlq,
                                    r -> r.stream()
                                                    .filter(x -> id.equals(x.key()))
                                                    .count()
                                            >= 3,
                                    WAIT)
                            .stream()
                            .filter(r -> id.equals(r.key()))
                            .toList();
            Map<String, String> reasons = letters.stream()
                    .collect(Collectors.toMap(
                            r -> header(r, "ce_type") + "|" + header(r, "ce_schemaversion"),
                            r -> header(r, "dead-letter-reason"),
                            (a, b) -> a));
            assertEquals(
                    Map.of(
                            "MouSigned|1",
                            "NOT_JSON",
                            "TreatyRatified|1",
                            "UNKNOWN_TYPE",
                            "MouSigned|2",
                            "UNSUPPORTED_SCHEMA_VERSION"),
                    reasons);
            ConsumerRecord<String, byte[]> notJsonLetter = letters.stream()
                    .filter(r -> "NOT_JSON".equals(header(r, "dead-letter-reason")))
                    .findFirst()
                    .orElseThrow();
            assertEquals("<not json>", new String(notJsonLetter.value(), StandardCharsets.UTF_8), "the value is kept");
            assertEquals(Sample.NEGOTIATION_TOPIC, header(notJsonLetter, "dead-letter-topic"));
            assertTrue(header(notJsonLetter, "dead-letter-cause").contains("not JSON"));
            assertTrue(header(notJsonLetter, "dead-letter-offset").matches("\\d+"));
        }
        Eventually.assertThat(WAIT, () -> {
            assertEquals(notJson + 1, metrics.deadLetters(PoisonReason.NOT_JSON));
            assertEquals(unknownType + 1, metrics.deadLetters(PoisonReason.UNKNOWN_TYPE));
            assertEquals(unsupported + 1, metrics.deadLetters(PoisonReason.UNSUPPORTED_SCHEMA_VERSION));
        });
        Management.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("projection_dead_letters_total{reason=\"NOT_JSON\"}"));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
