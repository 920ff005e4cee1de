package io.tracker.projection.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.contract.testing.BadRecords;
import io.tracker.projection.apply.ProjectionMetrics;
import io.tracker.projection.support.Auth;
import io.tracker.projection.support.Broker;
import io.tracker.projection.support.Eventually;

/**
 * The shared bad records (contract/src/test/resources/bad-records; investment-service replays the same ones into
 * its consumer) over the real broker: each is dead-lettered with its expected reason, changes nothing in the read
 * models, and the good record behind it (same key, so same partition) is still applied.
 */
@QuarkusTest
class BadRecordsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "tracker.projection.dlq-topic")
    String dlq;

    @Inject
    ProjectionMetrics metrics;

    @BeforeEach
    void authenticate() {
        Auth.asAnalyst();
    }

    @Test
    void everyBadRecordIsDeadLetteredWithItsReasonAndChangesNothing() {
        List<BadRecords.Bad> bad = BadRecords.all("bad-proj");
        Map<PoisonReason, Double> before = new HashMap<>();
        for (PoisonReason r : PoisonReason.values()) {
            before.put(r, metrics.deadLetters(r));
        }
        try (Broker broker = new Broker(bootstrap)) {
            broker.ensureTopics();
            for (BadRecords.Bad b : bad) {
                broker.send(b.record());
                broker.send(BadRecords.goodOpening(b.stream(), "good after " + b.name()));
            }

            // the good record behind each bad one is applied, and it alone: the bad one changed nothing
            for (BadRecords.Bad b : bad) {
                Eventually.assertThat(WAIT, () -> given().get("/agreements/{id}", b.stream())
                        .then()
                        .statusCode(200)
                        .body("title", equalTo("good after " + b.name()))
                        .body("basis.eventsKnown", equalTo(1))
                        .body("basis.lastVersion", equalTo(1)));
            }
            given().get("/agreements/{id}", "someone-else").then().statusCode(404);

            Set<String> streams = bad.stream().map(BadRecords.Bad::stream).collect(Collectors.toSet());
            List<ConsumerRecord<String, byte[]>> letters = broker
                    .read(
                            dlq,
                            r -> r.stream()
                                            .filter(x -> streams.contains(x.key()))
                                            .count()
                                    >= bad.size(),
                            WAIT)
                    .stream()
                    .filter(r -> streams.contains(r.key()))
                    .toList();
            Map<String, String> byName =
                    bad.stream().collect(Collectors.toMap(BadRecords.Bad::stream, BadRecords.Bad::name));
            Map<String, String> expected =
                    new TreeMap<>(bad.stream().collect(Collectors.toMap(BadRecords.Bad::name, BadRecords.Bad::reason)));
            Map<String, String> actual = new TreeMap<>(letters.stream()
                    .collect(Collectors.toMap(
                            r -> byName.get(r.key()), r -> header(r, "dead-letter-reason"), (a, b) -> a + "," + b)));
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
            }
        }
        Map<PoisonReason, Long> perReason = bad.stream()
                .collect(Collectors.groupingBy(b -> PoisonReason.valueOf(b.reason()), Collectors.counting()));
        Eventually.assertThat(
                WAIT,
                () -> perReason.forEach((reason, n) ->
                        assertEquals(before.get(reason) + n, metrics.deadLetters(reason), reason.name())));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
