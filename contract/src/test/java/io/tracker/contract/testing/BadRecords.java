package io.tracker.contract.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shared bad records of {@code tracker.negotiation.events} ({@code contract/src/test/resources/bad-records},
 * described in its README): each one a golden sample of negotiation-service, changed as its file says, in a
 * stream of its own, with the {@code dead-letter-reason} every consumer must give it. Both consumers' tests take
 * it from the contract's test artifact ({@code io.tracker:tracker-contract}, type {@code test-jar}) and read the
 * records and the samples from the class path: the bad records from that artifact, the samples from the contract
 * itself ({@code tracker-contract/negotiation-service/samples}), never from the producer.
 */
public final class BadRecords {
    /** The folder of the bad records on the class path. */
    public static final String FOLDER = "bad-records";
    public static final String TOPIC = "tracker.negotiation.events";
    private static final String SAMPLES = "tracker-contract/negotiation-service/samples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadRecords() {
    }

    /** A bad record: its file's name, the stream (= key) it was put in, the record and the expected reason. */
    public record Bad(String name, String stream, ProducerRecord<String, byte[]> record, String reason) {
    }

    /** Every bad record of the folder, each in a new stream {@code <prefix>-<n>-<random>}. */
    public static List<Bad> all(String prefix) {
        URL folder = BadRecords.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no folder " + FOLDER + " on the class path (the contract's test-jar)");
        }
        try {
            URI uri = folder.toURI();
            if (!uri.getScheme().equals("jar")) {
                return all(Path.of(uri), prefix);
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return all(jar.getPath(FOLDER), prefix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Bad> all(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (list.isEmpty()) {
                throw new IllegalStateException("no bad records in " + folder.toUri());
            }
            String run = UUID.randomUUID().toString().substring(0, 6);
            return java.util.stream.IntStream.range(0, list.size())
                    .mapToObj(i -> read(list.get(i), prefix + "-" + i + "-" + run)).toList();
        }
    }

    static Bad read(Path file, String stream) {
        try {
            JsonNode spec = JSON.readTree(Files.readString(file));
            ObjectNode event = sample(spec.get("sample").asText(), stream);
            ObjectNode data = (ObjectNode) event.get("data");
            spec.path("attributes").properties().forEach(a -> {
                if (a.getValue().isNull()) {
                    event.remove(a.getKey());
                } else {
                    event.set(a.getKey(), a.getValue());
                }
            });
            spec.path("data").properties().forEach(d -> set(data, JsonPointer.compile(d.getKey()), d.getValue()));
            String value = spec.has("value") ? spec.get("value").asText() : data.toString();
            String name = file.getFileName().toString().replace(".json", "");
            return new Bad(name, stream, binary(event, stream, value), spec.get("reason").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bad record " + file, e);
        }
    }

    /** A good NegotiationOpened (version 1, a new event id) of {@code stream}, titled {@code title}. */
    public static ProducerRecord<String, byte[]> goodOpening(String stream, String title) {
        ObjectNode event = sample("NegotiationOpened.v1", stream);
        ((ObjectNode) event.get("data")).put("title", title);
        return binary(event, stream, event.get("data").toString());
    }

    /** The golden sample with every occurrence of its stream id made {@code stream}, and a new event id. */
    private static ObjectNode sample(String sample, String stream) {
        try {
            String text;
            try (InputStream in = BadRecords.class.getClassLoader().getResourceAsStream(SAMPLES + sample + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no golden sample " + SAMPLES + sample + ".json on the class path");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String sampleStream = JSON.readTree(text).get("subject").asText();
            ObjectNode event = (ObjectNode) JSON.readTree(text.replace("\"" + sampleStream + "\"", "\"" + stream + "\""));
            event.put("id", UUID.randomUUID().toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden sample " + sample, e);
        }
    }

    /** Kafka binary mode: each attribute a ce_ header (datacontenttype: content-type), keyed by {@code key}. */
    private static ProducerRecord<String, byte[]> binary(ObjectNode event, String key, String value) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, JsonNode> f : event.properties()) {
            if (!f.getKey().equals("data")) {
                String name = f.getKey().equals("datacontenttype") ? "content-type" : "ce_" + f.getKey();
                headers.add(name, f.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new ProducerRecord<>(TOPIC, null, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void set(ObjectNode data, JsonPointer pointer, JsonNode value) {
        JsonNode parent = data.at(pointer.head());
        String field = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            if (value.isNull()) {
                o.remove(field);
            } else {
                o.set(field, value);
            }
        } else if (parent instanceof ArrayNode a) {
            a.set(pointer.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no parent for " + pointer + " in the sample's data");
        }
    }
}
