package io.tracker.investment.negotiations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tracker.local.test.TestKafka;

/**
 * Publishes to {@code tracker.negotiation.events} what negotiation-service would: its golden samples
 * (structured-mode CloudEvents, read from that module's published contract) turned into Kafka binary mode —
 * every attribute a {@code ce_<name>} header, {@code datacontenttype} the {@code content-type} header, the
 * value the event's {@code data}.
 */
final class NegotiationTopic implements AutoCloseable {
    static final String TOPIC = "tracker.negotiation.events";
    static final Path SAMPLES =
            Path.of("../negotiation-service/src/main/resources/META-INF/resources/contract/samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    NegotiationTopic(String bootstrap) {
        Properties p = new Properties();
        p.putAll(TestKafka.clientConfig());
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** The golden sample of {@code type}, made an event of negotiation {@code negotiationId} at {@code version}. */
    static ObjectNode sample(String type, String negotiationId, long version) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve(type + ".v1.json")));
            event.put("id", UUID.randomUUID().toString());
            event.put("subject", negotiationId);
            event.put("streamversion", Long.toString(version));
            ((ObjectNode) event.get("data")).put("negotiationId", negotiationId);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The structured-mode event in Kafka binary mode, keyed by its subject. */
    static ProducerRecord<String, String> binary(JsonNode event) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, JsonNode> f : event.properties()) {
            if (f.getKey().equals("data") || f.getValue().isNull()) {
                continue;
            }
            String name = f.getKey().equals("datacontenttype") ? "content-type" : "ce_" + f.getKey();
            headers.add(name, f.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(
                TOPIC, null, event.get("subject").asText(), event.get("data").toString(), headers);
    }

    void send(JsonNode event) {
        send(binary(event));
    }

    void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + TOPIC, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
