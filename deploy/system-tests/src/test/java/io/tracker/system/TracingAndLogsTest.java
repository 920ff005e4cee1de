package io.tracker.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tracker.system.OtlpReceiver.ReceivedSpan;

/**
 * The three services as real processes, tracing to an OTLP/HTTP receiver of the test's own, in the prod profile
 * (JSON logs): one command's spans in negotiation-service (the REST command, the append, the publication),
 * investment-service (its view of known negotiations) and projection-service (the apply) share one trace id,
 * which is the one stored with the event ({@code es_events.traceparent}); and the services' log lines of that
 * event are JSON objects whose MDC names the trace, the span, the stream, the event and the correlation id.
 */
class TracingAndLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEGOTIATION = "traced-negotiation";
    private static final String CORRELATION = "trace-test-correlation-1";

    @Test
    void oneCommandIsOneTraceAcrossTheServicesAndItsLogLinesSayWhichEvent() throws Exception {
        try (OtlpReceiver otlp = new OtlpReceiver();
                SystemUnderTest sut = new SystemUnderTest("tracing")) {
            sut.serviceEnv.putAll(Map.of(
                    "OTEL_SDK_DISABLED",
                    "false",
                    "OTEL_EXPORTER_OTLP_ENDPOINT",
                    otlp.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL",
                    "http/protobuf",
                    "QUARKUS_OTEL_BSP_SCHEDULE_DELAY",
                    "200ms"));
            sut.serviceOptions.add("-Dquarkus.log.category.\"io.tracker\".level=DEBUG");
            sut.startAll();

            String body = """
                    {"id": "%s", "title": "Traced", "parties": ["CA", "KR"], "description": "one trace",
                     "fact": {"date": "2026-01-29", "status": "OCCURRED",
                              "sources": [{"title": "t", "publisher": "p", "kind": "NEWS"}]}}""".formatted(NEGOTIATION);
            var response = SystemUnderTest.send(
                    HttpRequest.newBuilder(URI.create(sut.url("negotiation-service", "/negotiations")))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + sut.recorderToken)
                            .header("X-Correlation-Id", CORRELATION)
                            .header("Idempotency-Key", "trace-1")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build());
            assertEquals(201, response.statusCode(), response.body());

            // the traceparent stored with the event: W3C text form, the trace of the command
            String[] stored = storedEvent(sut);
            String eventId = stored[0];
            String traceparent = stored[1];
            assertNotNull(traceparent, "a traced command stores its traceparent with the event");
            assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), traceparent);
            String traceId = traceparent.substring(3, 35);

            Eventually.until(
                    Duration.ofSeconds(90),
                    () -> {
                        List<ReceivedSpan> trace = trace(otlp, traceId);
                        return has(trace, "negotiation-service", ReceivedSpan.SERVER)
                                && has(trace, "negotiation-service", ReceivedSpan.PRODUCER)
                                && has(trace, "projection-service", ReceivedSpan.CONSUMER)
                                && trace.stream().anyMatch(s -> s.service().equals("investment-service"));
                    },
                    "the spans of the command in the three services, one trace " + traceId);
            assertTrue(otlp.errors().isEmpty(), "export requests read: " + otlp.errors());

            List<ReceivedSpan> trace = trace(otlp, traceId);
            ReceivedSpan server = trace.stream()
                    .filter(s -> s.service().equals("negotiation-service") && s.kind() == ReceivedSpan.SERVER)
                    .findFirst()
                    .orElseThrow();
            assertTrue(server.name().contains("negotiations"), "the REST command's span: " + server);
            assertTrue(server.parentSpanId().isEmpty(), "the command starts the trace: " + server);
            ReceivedSpan publish = trace.stream()
                    .filter(s -> s.kind() == ReceivedSpan.PRODUCER)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    traceparent.substring(36, 52),
                    publish.parentSpanId(),
                    "the relay publishes in a child of the span the event was stored with");
            ReceivedSpan apply = trace.stream()
                    .filter(s -> s.service().equals("projection-service") && s.kind() == ReceivedSpan.CONSUMER)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    publish.spanId(), apply.parentSpanId(), "the projection's apply is a child of the publication");
            assertTrue(
                    trace.stream()
                            .anyMatch(s -> s.service().equals("investment-service")
                                    && s.parentSpanId().equals(publish.spanId())),
                    "investment-service's view follows the publication: " + describe(trace));
            assertTrue(descendsFrom(trace, publish, server), "one tree from the REST command: " + describe(trace));

            // JSON log lines (prod profile) with the trace, the span, the stream, the event and the correlation id
            for (String service : List.of("negotiation-service", "projection-service", "investment-service")) {
                Eventually.until(
                        Duration.ofSeconds(30),
                        () -> logLine(sut, service, eventId).isPresent(),
                        service + " logged the event " + eventId + " as a JSON line");
                JsonNode mdc = logLine(sut, service, eventId).orElseThrow().get("mdc");
                assertEquals(NEGOTIATION, mdc.path("streamId").asText(), service + ": " + mdc);
                assertEquals(CORRELATION, mdc.path("correlationId").asText(), service + ": " + mdc);
                assertEquals(traceId, mdc.path("traceId").asText(), service + ": " + mdc);
                assertTrue(mdc.path("spanId").asText().matches("[0-9a-f]{16}"), service + ": " + mdc);
            }
        }
    }

    /** {event id, traceparent} of the negotiation's first event. */
    private static String[] storedEvent(SystemUnderTest sut) throws Exception {
        try (Connection c = DriverManager.getConnection(sut.jdbcUrl("negotiation"), "postgres", "postgres");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select event_id::text, traceparent from es_events where stream_id = '"
                        + NEGOTIATION + "' and version = 1")) {
            assertTrue(rs.next(), "the event is stored");
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }

    private static List<ReceivedSpan> trace(OtlpReceiver otlp, String traceId) {
        return otlp.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static boolean has(List<ReceivedSpan> trace, String service, int kind) {
        return trace.stream().anyMatch(s -> s.service().equals(service) && s.kind() == kind);
    }

    /** Whether {@code span}'s chain of parents within the trace reaches {@code root}. */
    private static boolean descendsFrom(List<ReceivedSpan> trace, ReceivedSpan span, ReceivedSpan root) {
        Map<String, ReceivedSpan> byId =
                trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s, (a, b) -> a));
        ReceivedSpan at = span;
        for (int i = 0; at != null && i < 50; i++) {
            if (at.spanId().equals(root.spanId())) {
                return true;
            }
            at = byId.get(at.parentSpanId());
        }
        return false;
    }

    private static String describe(List<ReceivedSpan> trace) {
        List<String> lines = new ArrayList<>();
        trace.forEach(s -> lines.add(
                s.service() + " " + s.name() + " kind " + s.kind() + " " + s.spanId() + " <- " + s.parentSpanId()));
        return String.join("\n", lines);
    }

    /** The first JSON log line of the service whose MDC names the event. */
    private static Optional<JsonNode> logLine(SystemUnderTest sut, String service, String eventId) {
        try {
            for (String line : Files.readAllLines(sut.serviceLog(service))) {
                if (!line.startsWith("{") || !line.contains(eventId)) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                if (eventId.equals(node.path("mdc").path("eventId").asText())) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
