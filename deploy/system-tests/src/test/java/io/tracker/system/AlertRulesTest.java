package io.tracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The alert rules of deploy/k8s (components/prometheus-operator/prometheus-rules.yaml) use only metric names
 * that the running services really export: the three services run as real processes, take a command, see a
 * poison record (so that the lazily registered dead-letter counter exists), and their /q/metrics are scraped.
 */
class AlertRulesTest {

    static final Path RULES =
            SystemUnderTest.ROOT.resolve("deploy/k8s/components/prometheus-operator/prometheus-rules.yaml");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan");

    @Test
    void everyMetricTheAlertsUseIsExportedByTheRunningServices() throws Exception {
        Map<String, Set<String>> used = metricsUsedByRules();
        assertTrue(used.size() >= 6, "the rules use the expected metrics: " + used.keySet());
        Map<String, Set<String>> exported = new TreeMap<>();
        try (SystemUnderTest sut = new SystemUnderTest("alert-rules").startAll()) {
            String body = """
                    {"id": "alert-negotiation", "title": "Alert rules", "parties": ["CA", "KR"], "description": "alerts",
                     "fact": {"date": "2026-01-29", "status": "OCCURRED",
                              "sources": [{"title": "t", "publisher": "p", "kind": "NEWS"}]}}""";
            var response = sut.post("negotiation-service", "/negotiations", body, "alert-1");
            assertEquals(201, response.statusCode(), response.body());
            try (KafkaProducer<String, byte[]> producer = producer(sut)) {
                producer.send(new ProducerRecord<>(
                                Ledger.NEGOTIATION_TOPIC,
                                "alert-poison",
                                "this is {not JSON".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            Eventually.until(
                    Duration.ofSeconds(90),
                    () -> sut.get("projection-service", "/agreements/alert-negotiation", sut.analystToken)
                                            .statusCode()
                                    == 200
                            && Ledger.metric(sut, "projection-service", "projection_dead_letters_total", null) >= 1,
                    "the projection applied the command and dead-lettered the poison record");
            for (String service : SystemUnderTest.SERVICES) {
                var metrics = sut.get(service, "/q/metrics", null);
                assertEquals(200, metrics.statusCode(), service + " /q/metrics");
                exported.put(service, names(metrics.body()));
            }
        }
        Set<String> all = new TreeSet<>();
        exported.values().forEach(all::addAll);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/exported-metric-names.txt"), String.join("\n", all) + "\n");
        List<String> missing = new ArrayList<>();
        used.forEach((metric, alerts) -> {
            if (!all.contains(metric)) {
                missing.add(metric + " (used by " + alerts + ")");
            }
        });
        assertTrue(
                missing.isEmpty(),
                "alert rules use metrics no service exports: " + missing
                        + "\nexported: see target/exported-metric-names.txt");
    }

    @Test
    void metricNamesAreFoundInPromQl() {
        assertEquals(
                Set.of("http_server_requests_seconds_count"),
                metricNames(
                        "sum by (namespace, container) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) > 0.05"));
        assertEquals(
                Set.of("projection_consumer_lag", "projection_events_applied_total"),
                metricNames(
                        "(sum by (pod) (projection_consumer_lag) > 0 and sum by (pod) (rate(projection_events_applied_total[10m])) == 0)"
                                + " or sum without (topic) (projection_consumer_lag) > 1e4"));
    }

    static Map<String, Set<String>> metricsUsedByRules() throws Exception {
        JsonNode rule = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
        assertEquals("PrometheusRule", rule.path("kind").asText(), RULES + " is a PrometheusRule");
        Map<String, Set<String>> used = new TreeMap<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode r : group.path("rules")) {
                for (String m : metricNames(r.path("expr").asText())) {
                    used.computeIfAbsent(m, k -> new TreeSet<>())
                            .add(r.path("alert").asText(r.path("record").asText()));
                }
            }
        }
        return used;
    }

    /** The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or numbers. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // range and subquery selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?")
                .matcher(s);
        while (m.find()) {
            String id = m.group(1);
            if (m.group(2) == null && !PROMQL_WORDS.contains(id.toLowerCase()) && !id.matches("\\d.*|e\\d+")) {
                out.add(id);
            }
        }
        return out;
    }

    /** The metric names of a Prometheus text exposition. */
    static Set<String> names(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("[{ ]", 2)[0]);
            }
        }
        return out;
    }

    private static KafkaProducer<String, byte[]> producer(SystemUnderTest sut) {
        Properties p = new Properties();
        p.putAll(sut.kafkaClientConfig());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sut.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "system-test-alert-poison");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
