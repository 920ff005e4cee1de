package io.tracker.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Scenario 5: poison records on both topics are dead-lettered with their reason and origin, and every real event
 * behind them is projected once.
 */
final class PoisonRecordsScenario {
    private static final String POISON_HEADER = "x-system-test-poison";

    private final SystemUnderTest sut;
    private final Accounting accounting;

    PoisonRecordsScenario(SystemUnderTest sut) {
        this.sut = sut;
        this.accounting = new Accounting(sut);
    }

    /** The scenario as the report names and describes it. */
    static ReliabilityReport.Scenario describedIn(ReliabilityReport report) {
        return report.scenario(
                "5",
                "poison records on both topics",
                "Real events first (a negotiation opened; an investment announced and linked to it), then six records "
                        + "produced straight onto the topics with the real streams' keys — on each topic one whose value "
                        + "is not JSON, one with an unknown ce_type, one with ce_schemaversion 99 — then more real events "
                        + "behind them (meetings, a second negotiation, a commitment, a second investment linked to the "
                        + "second negotiation, which investment-service must learn from behind the poison). Then: each "
                        + "poison record is on tracker.projection.dlq with its reason and origin headers, the projection's "
                        + "dead-letter metric counts them, and every real event is projected once.");
    }

    void run(ReliabilityReport.Scenario s) throws Exception {
        CommandLoad ledger = CommandLoad.negotiations(sut, "s5-", Duration.ZERO, 1);
        List<String> failures = new ArrayList<>();
        String n0 = "s5-n0";
        String n1 = "s5-n1";
        String i0 = "s5-i0";
        String i1 = "s5-i1";
        mustAccept(ledger, Commands.open(n0));
        Eventually.until(
                Duration.ofSeconds(60),
                () -> sut.get("investment-service", "/known-negotiations/" + n0, sut.recorderToken)
                                .statusCode()
                        == 200,
                "investment-service knows " + n0);
        mustAccept(ledger, Commands.announceInvestment(i0, n0));
        Map<String, Double> before = deadLetterMetrics();

        List<Poison> poison = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (String[] spec : List.of(
                    new String[] {Ledger.NEGOTIATION_TOPIC, n0, "negotiation", "LeadersMet"},
                    new String[] {Ledger.INVESTMENT_TOPIC, i0, "investment", "InvestmentCommitted"})) {
                String topic = spec[0];
                String key = spec[1];
                byte[] data = ("{\"" + spec[2] + "Id\": \"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
                poison.add(send(
                        producer,
                        topic,
                        key,
                        spec[2],
                        spec[3],
                        "1",
                        "this is {not JSON".getBytes(StandardCharsets.UTF_8),
                        "NOT_JSON"));
                poison.add(send(producer, topic, key, spec[2], "TreatyTeleported", "1", data, "UNKNOWN_TYPE"));
                poison.add(send(producer, topic, key, spec[2], spec[3], "99", data, "UNSUPPORTED_SCHEMA_VERSION"));
            }
        }
        mustAccept(ledger, Commands.leadersMeeting(n0, 1));
        mustAccept(ledger, Commands.talks(n0, 2));
        mustAccept(ledger, Commands.open(n1));
        mustAccept(ledger, Commands.commitInvestment(i0));
        // investment-service reads the negotiation topic too: it must learn n1 from behind the poison
        Eventually.until(
                Duration.ofSeconds(60),
                () -> sut.get("investment-service", "/known-negotiations/" + n1, sut.recorderToken)
                                .statusCode()
                        == 200,
                "investment-service knows " + n1 + " (behind the poison records)");
        mustAccept(ledger, Commands.announceInvestment(i1, n1));

        // the dead-letter topic
        Map<String, List<Ledger.TopicRecord>> dead = new HashMap<>();
        try {
            Eventually.until(
                    Duration.ofSeconds(60),
                    () -> {
                        dead.clear();
                        for (Ledger.TopicRecord d : Ledger.readTopic(sut, Ledger.DLQ_TOPIC)) {
                            String id = d.header(POISON_HEADER);
                            if (id != null) {
                                dead.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
                            }
                        }
                        return poison.stream().allMatch(p -> dead.containsKey(p.id()));
                    },
                    "every poison record on " + Ledger.DLQ_TOPIC);
        } catch (AssertionError e) {
            failures.add(e.getMessage() + ": " + dead.keySet().size() + " of " + poison.size() + " there");
        }
        int deadLettered = 0;
        int deadLetterRecords = 0;
        for (Poison p : poison) {
            List<Ledger.TopicRecord> letters = dead.getOrDefault(p.id(), List.of());
            deadLetterRecords += letters.size();
            if (letters.isEmpty()) {
                failures.add(p.reason() + " on " + p.topic() + " not dead-lettered");
                continue;
            }
            Ledger.TopicRecord d = letters.get(0);
            List<String> wrong = new ArrayList<>();
            expectHeader(d, "dead-letter-reason", p.reason(), wrong);
            expectHeader(d, "dead-letter-topic", p.topic(), wrong);
            expectHeader(d, "dead-letter-partition", Integer.toString(p.sent().partition()), wrong);
            expectHeader(d, "dead-letter-offset", Long.toString(p.sent().offset()), wrong);
            expectHeader(d, "dead-letter-consumer-group", "projection-service", wrong);
            if (d.header("dead-letter-cause") == null
                    || d.header("dead-letter-cause").isBlank()) {
                wrong.add("dead-letter-cause missing");
            }
            if (!p.id().equals(d.header(POISON_HEADER)) || d.header("ce_type") == null) {
                wrong.add("original headers not kept");
            }
            if (wrong.isEmpty()) {
                deadLettered++;
            } else {
                failures.add(p.reason() + " on " + p.topic() + ": " + wrong);
            }
        }
        Map<String, Double> after = deadLetterMetrics();
        Map<String, Long> expectedByReason =
                poison.stream().collect(Collectors.groupingBy(Poison::reason, Collectors.counting()));
        Map<String, Double> delta = new LinkedHashMap<>();
        expectedByReason.keySet().stream()
                .sorted()
                .forEach(reason ->
                        delta.put(reason, after.getOrDefault(reason, 0.0) - before.getOrDefault(reason, 0.0)));
        expectedByReason.forEach((reason, n) -> {
            if (delta.get(reason) < n) {
                failures.add("projection_dead_letters_total{reason=" + reason + "} went up by " + delta.get(reason)
                        + ", expected " + n);
            }
        });
        s.note(poison.size() + " poison records produced (3 a topic); " + deadLettered + " on " + Ledger.DLQ_TOPIC
                + " with the right reason, origin topic, partition, offset, group and cause (" + deadLetterRecords
                + " dead-letter records)");
        s.note("projection_dead_letters_total went up by "
                + delta.entrySet().stream()
                        .map(e -> e.getKey() + " +" + Math.round(e.getValue()))
                        .collect(Collectors.joining(", ")));
        s.note("investment-service learned " + n1 + " from behind the poison on the negotiation topic");
        accounting.account(s, "s5-", List.of(ledger), failures, rec -> rec.header(POISON_HEADER) != null);
    }

    private void mustAccept(CommandLoad ledger, Commands.Command c) {
        // an announcement may meet a negotiation investment-service has not heard of yet: 422, retried shortly
        for (int attempt = 0; ; attempt++) {
            if (ledger.send(c, UUID.randomUUID().toString())) {
                return;
            }
            if (attempt >= 20) {
                fail(c.label() + " " + c.streamId() + " refused: " + ledger.rejections());
            }
            Timing.pause(Duration.ofMillis(500));
        }
    }

    private Map<String, Double> deadLetterMetrics() {
        Map<String, Double> m = new HashMap<>();
        for (String reason : List.of("NOT_JSON", "UNKNOWN_TYPE", "UNSUPPORTED_SCHEMA_VERSION", "INVALID_EVENT")) {
            m.put(
                    reason,
                    Ledger.metric(
                            sut, "projection-service", "projection_dead_letters_total", "reason=\"" + reason + "\""));
        }
        return m;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.putAll(sut.kafkaClientConfig());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "system-test-poison");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** A poison record produced onto a topic: its marker id, where it went, the reason it must be dead-lettered for. */
    private record Poison(String id, String topic, String reason, RecordMetadata sent) {}

    private static Poison send(
            KafkaProducer<String, byte[]> producer,
            String topic,
            String key,
            String streamType,
            String type,
            String schemaVersion,
            byte[] value,
            String reason)
            throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        String source = streamType.equals("negotiation") ? "/negotiation-service" : "/investment-service";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_source", source);
        headers.put("ce_type", type);
        headers.put("ce_subject", key);
        headers.put("ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        headers.put("content-type", "application/json");
        headers.put(
                "ce_dataschema",
                "https://contract.tracker.example/" + streamType + "-service/schemas/" + type + ".v" + schemaVersion
                        + ".json");
        headers.put("ce_schemaversion", schemaVersion);
        headers.put("ce_streamtype", streamType);
        headers.put("ce_streamversion", "999");
        headers.put(POISON_HEADER, id);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        RecordMetadata sent = producer.send(record).get(30, TimeUnit.SECONDS);
        return new Poison(id, topic, reason, sent);
    }

    private static void expectHeader(Ledger.TopicRecord d, String name, String expected, List<String> wrong) {
        if (!expected.equals(d.header(name))) {
            wrong.add(name + "=" + d.header(name) + " (expected " + expected + ")");
        }
    }
}
