package io.tracker.example.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.tracker.local.test.TestKafka;

/**
 * The example subscriber against the real broker, fed with the contract artifact's golden samples as the
 * producers write them (binary mode): it applies one negotiation's whole story in order, reads FactCorrected
 * at v2 as well as v1, and skips redeliveries (the same events again, as at-least-once delivery may bring).
 */
@QuarkusTest
class ExampleSubscriberTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Timelines timelines;

    @Test
    void theStoryIsAppliedOnceInOrderWithBothVersionsOfACorrection() throws Exception {
        String id = "subscriber-" + UUID.randomUUID().toString().substring(0, 8);
        List<ObjectNode> story = new ArrayList<>();
        ObjectNode correctionV1 = null;
        for (ObjectNode sample : samples()) {
            String type = sample.get("type").asText();
            if (type.equals("NegotiationTerminated")) {
                continue; // v14 has two alternative endings in the samples: AgreementConcluded is used
            }
            if (type.equals("FactCorrected")
                    && sample.get("schemaversion").asText().equals("1")) {
                correctionV1 = sample;
                continue;
            }
            story.add(sample);
        }
        // v9 of the story is a duplicate report of the leaders' meeting (retracted by v10): the LeadersMet sample again
        ObjectNode duplicate = story.stream()
                .filter(s -> s.get("type").asText().equals("LeadersMet"))
                .findFirst()
                .orElseThrow()
                .deepCopy();
        duplicate
                .put("streamversion", "9")
                .put(
                        "id",
                        UUID.nameUUIDFromBytes("v9".getBytes(StandardCharsets.UTF_8))
                                .toString());
        story.add(duplicate);
        story.sort(Comparator.comparingLong(s -> s.get("streamversion").asLong()));
        // v15-v19 (contract 1.1.0): an indicator, its correction and retraction, a claim and its retraction
        assertEquals(19, story.size());

        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (ObjectNode s : story) {
                producer.send(record(s, id)).get();
            }
            // at least once: a few events again, and the same correction as it was written before contract 1.1.0
            for (ObjectNode s : story.subList(1, 4)) {
                producer.send(record(s, id)).get();
            }
            producer.send(record(correctionV1, id)).get();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (timelines.skipped().size() < 4 || timelines.of(id).size() < 19) {
            assertTrue(System.nanoTime() < deadline, "the subscriber did not apply the story: " + timelines.of(id));
            Thread.sleep(100);
        }
        List<Timelines.Entry> timeline = timelines.of(id);
        assertEquals(19, timeline.size(), timeline.toString());
        for (int i = 0; i < timeline.size(); i++) {
            assertEquals(i + 1, timeline.get(i).streamVersion());
        }
        assertEquals("corrects v3 to 2026-01-late", timeline.get(7).line());
        assertEquals("retracts v9", timeline.get(9).line());
        assertEquals("AgreementConcluded", timeline.get(13).type());
        assertEquals("IndicatorRecorded", timeline.get(14).type());
        assertEquals("ClaimRetracted", timeline.get(18).type());
        assertEquals(4, timelines.skipped().size(), "three redelivered events and the v1 form of the correction");
        assertEquals(List.of(), timelines.unreadable());
    }

    /** A golden sample as the producer writes it: the attributes as ce_ headers, the data as the value. */
    private static ProducerRecord<String, String> record(ObjectNode sample, String negotiationId) throws IOException {
        String original = sample.get("subject").asText();
        ObjectNode event = (ObjectNode)
                JSON.readTree(sample.toString().replace("\"" + original + "\"", "\"" + negotiationId + "\""));
        event.put(
                "id",
                UUID.nameUUIDFromBytes((negotiationId + event.get("id").asText()).getBytes(StandardCharsets.UTF_8))
                        .toString());
        RecordHeaders headers = new RecordHeaders();
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("data")) {
                String name = f.getKey().equals("datacontenttype") ? "content-type" : "ce_" + f.getKey();
                headers.add(name, f.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(
                "tracker.negotiation.events",
                null,
                negotiationId,
                event.get("data").toString(),
                headers);
    }

    /** Every golden sample of tracker.negotiation.events in the contract artifact (tracker-contract). */
    private static List<ObjectNode> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(ExampleSubscriberTest.class
                .getClassLoader()
                .getResource("tracker-contract/negotiation-service/samples")
                .toURI());
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add((ObjectNode) JSON.readTree(f.toFile()));
            }
        }
        return out;
    }
}
