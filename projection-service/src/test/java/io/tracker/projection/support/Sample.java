package io.tracker.projection.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A producer's golden sample (a structured-mode CloudEvent: attributes + {@code data}), read from the
 * producer module's contract folder, optionally changed (another stream, version, id, time, field), and
 * turned into a Kafka record in binary mode: each attribute a {@code ce_<name>} header,
 * {@code datacontenttype} the {@code content-type} header, the value the {@code data}.
 */
public final class Sample {
    public static final Path NEGOTIATION_SAMPLES =
            Path.of("../negotiation-service/src/main/resources/META-INF/resources/contract/samples");
    public static final Path INVESTMENT_SAMPLES =
            Path.of("../investment-service/src/main/resources/META-INF/resources/contract/samples");
    public static final String NEGOTIATION_TOPIC = "tracker.negotiation.events";
    public static final String INVESTMENT_TOPIC = "tracker.investment.events";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode event;
    private final Path file;

    private Sample(ObjectNode event, Path file) {
        this.event = event;
        this.file = file;
    }

    /** The sample of a type ("MouSigned"), from whichever producer publishes it. */
    public static Sample of(String type) {
        Path file = NEGOTIATION_SAMPLES.resolve(type + ".v1.json");
        if (!Files.exists(file)) {
            file = INVESTMENT_SAMPLES.resolve(type + ".v1.json");
        }
        return read(file);
    }

    public static Sample read(Path file) {
        try {
            return new Sample((ObjectNode) MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden sample " + file.toAbsolutePath(), e);
        }
    }

    /** Every sample file of both producers. */
    public static List<Path> all() {
        try (Stream<Path> n = Files.list(NEGOTIATION_SAMPLES);
                Stream<Path> i = Files.list(INVESTMENT_SAMPLES)) {
            return Stream.concat(n, i)
                    .filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the producers' golden samples are missing", e);
        }
    }

    public Path file() {
        return file;
    }

    public String type() {
        return event.get("type").asText();
    }

    public String subject() {
        return event.get("subject").asText();
    }

    public long version() {
        return Long.parseLong(event.get("streamversion").asText());
    }

    public String id() {
        return event.get("id").asText();
    }

    public JsonNode data() {
        return event.get("data");
    }

    public boolean isInvestment() {
        return "investment".equals(event.get("streamtype").asText());
    }

    public String topic() {
        return isInvestment() ? INVESTMENT_TOPIC : NEGOTIATION_TOPIC;
    }

    private Sample copy() {
        return new Sample(event.deepCopy(), file);
    }

    /** The same event in another stream: the subject and every occurrence of the old id in data become {@code id}. */
    public Sample inStream(String id) {
        return replacing(subject(), id);
    }

    /** Every string equal to {@code from} (subject, ids in data, links) becomes {@code to}. */
    public Sample replacing(String from, String to) {
        Sample s = copy();
        if (s.subject().equals(from)) {
            s.event.put("subject", to);
            s.event.put("id", derivedId(s.id(), to));
        }
        replace(s.event.get("data"), from, to);
        return s;
    }

    /** Another stream version; the event id is derived from the old one (the same call gives the same event). */
    public Sample version(long version) {
        Sample s = copy();
        s.event.put("streamversion", Long.toString(version));
        s.event.put("id", derivedId(s.id(), "v" + version));
        return s;
    }

    private static String derivedId(String id, String salt) {
        return UUID.nameUUIDFromBytes((id + "|" + salt).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A new event id (a different event, not a redelivery). */
    public Sample newId() {
        Sample s = copy();
        s.event.put("id", UUID.randomUUID().toString());
        return s;
    }

    public Sample time(String rfc3339) {
        Sample s = copy();
        s.event.put("time", Instant.parse(rfc3339).toString());
        return s;
    }

    /** The sample as it is: a structured-mode CloudEvent in JSON. */
    public String eventJson() {
        return event.toString();
    }

    /** A CloudEvent attribute of the sample as text, or null. */
    public String attributeValue(String name) {
        JsonNode v = event.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    public Sample attribute(String name, String value) {
        Sample s = copy();
        if (value == null) {
            s.event.remove(name);
        } else {
            s.event.put(name, value);
        }
        return s;
    }

    /** Sets a field of data by JSON pointer ("/fact/status"); the value is parsed as JSON. */
    public Sample set(String pointer, String json) {
        Sample s = copy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = s.event.get("data").at(pointer.substring(0, slash));
        try {
            ((ObjectNode) parent).set(pointer.substring(slash + 1), MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** The Kafka record: binary mode, key = subject. */
    public ProducerRecord<String, byte[]> toRecord() {
        RecordHeaders headers = headers();
        try {
            return new ProducerRecord<>(topic(), null, subject(), MAPPER.writeValueAsBytes(data()), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code record} with another value (headers, key and position kept): for values a producer would not send. */
    public static ConsumerRecord<String, byte[]> withValue(ConsumerRecord<String, byte[]> record, byte[] value) {
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                0L,
                TimestampType.CREATE_TIME,
                0,
                value.length,
                record.key(),
                value,
                record.headers(),
                java.util.Optional.empty());
    }

    /** As a consumed record (for tests without a broker). */
    public ConsumerRecord<String, byte[]> toConsumerRecord(long offset) {
        ProducerRecord<String, byte[]> p = toRecord();
        return new ConsumerRecord<>(
                p.topic(),
                0,
                offset,
                0L,
                TimestampType.CREATE_TIME,
                0,
                p.value().length,
                p.key(),
                p.value(),
                p.headers(),
                java.util.Optional.empty());
    }

    private RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals("data") || f.getValue().isNull()) {
                continue;
            }
            String name = f.getKey().equals("datacontenttype") ? "content-type" : "ce_" + f.getKey();
            headers.add(name, f.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static void replace(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual() && f.getValue().asText().equals(from)) {
                    f.setValue(TextNode.valueOf(to));
                } else {
                    replace(f.getValue(), from, to);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual() && a.get(i).asText().equals(from)) {
                    a.set(i, JsonNodeFactory.instance.textNode(to));
                } else {
                    replace(a.get(i), from, to);
                }
            }
        }
    }
}
