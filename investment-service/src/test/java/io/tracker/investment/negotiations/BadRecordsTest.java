package io.tracker.investment.negotiations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tracker.contract.testing.BadRecords;
import io.tracker.investment.Auth;
import io.tracker.investment.Bodies;
import io.tracker.local.test.TestTokens;

/**
 * The shared bad records (contract/src/test/resources/bad-records; the projection replays the same ones into its
 * consumer) over the real broker: each is dead-lettered to {@code tracker.investment.dlq} with its expected
 * reason, changes nothing in the known-negotiations view (no phantom negotiation to link an investment to), and
 * the good record behind it (same key, so same partition) is still applied.
 */
@QuarkusTest
class BadRecordsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.negotiation-events.dlq-topic")
    String dlq;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void asRecorder() {
        Auth.as(TestTokens.recorder());
    }

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndChangesNothing() throws Exception {
        List<BadRecords.Bad> bad = BadRecords.all("bad-inv");
        double poison = count("poison");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.config(bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (BadRecords.Bad b : bad) {
                send(producer, b.record());
                send(producer, BadRecords.goodOpening(b.stream(), "good after " + b.name()));
            }
        }

        // the good record behind each bad one is applied, and it alone: the bad one changed nothing
        for (BadRecords.Bad b : bad) {
            awaitKnown(b.stream());
            given().get("/known-negotiations/{id}", b.stream())
                    .then()
                    .statusCode(200)
                    .body("title", equalTo("good after " + b.name()))
                    .body("lastVersion", equalTo(1))
                    .body("terminated", equalTo(false));
        }
        given().get("/known-negotiations/{id}", "someone-else").then().statusCode(404);
        // nothing to link an investment to but what the good records made known
        given().contentType(ContentType.JSON)
                .body(Bodies.announce(Bodies.newId("lges"), "someone-else"))
                .post("/investments")
                .then()
                .statusCode(422)
                .body("code", equalTo("unknown-negotiation"));

        Set<String> streams = bad.stream().map(BadRecords.Bad::stream).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> letters = read(dlq, streams, bad.size());
        Map<String, String> byStream =
                bad.stream().collect(Collectors.toMap(BadRecords.Bad::stream, BadRecords.Bad::name));
        Map<String, String> expected =
                new TreeMap<>(bad.stream().collect(Collectors.toMap(BadRecords.Bad::name, BadRecords.Bad::reason)));
        Map<String, String> actual = new TreeMap<>(letters.stream()
                .collect(Collectors.toMap(
                        r -> byStream.get(r.key()), r -> header(r, "dead-letter-reason"), (a, b) -> a + "," + b)));
        assertEquals(expected, actual, "dead-letter-reason of each bad record");
        assertEquals(bad.size(), letters.size(), "one dead letter per bad record");
        for (ConsumerRecord<String, byte[]> letter : letters) {
            BadRecords.Bad b = bad.stream()
                    .filter(x -> x.stream().equals(letter.key()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    new String(b.record().value(), StandardCharsets.UTF_8),
                    new String(letter.value(), StandardCharsets.UTF_8),
                    b.name() + ": the value is kept");
            assertEquals(BadRecords.TOPIC, header(letter, "dead-letter-topic"));
            assertEquals("investment-service", header(letter, "dead-letter-consumer-group"));
        }
        assertEquals(poison + bad.size(), count("poison"));
    }

    private void awaitKnown(String negotiation) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (given().get("/known-negotiations/{id}", negotiation).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(negotiation + " not known after " + WAIT);
            }
            Thread.sleep(100);
        }
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, Set<String> keys, int expected) {
        Properties p = KafkaClients.config(bootstrap);
        p.put("group.id", "test-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }

    private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(record).get(15, TimeUnit.SECONDS);
    }

    private double count(String outcome) {
        return registry.get(NegotiationEventsConsumer.RECORDS_METRIC)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
