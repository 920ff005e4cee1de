package io.tracker.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny OTLP/HTTP trace receiver ({@code http/protobuf}): it accepts the services' export requests on any path
 * ({@code /v1/traces}), reads the spans out of the protobuf (ExportTraceServiceRequest → ResourceSpans → ScopeSpans
 * → Span, read field by field from the wire format: no generated classes needed) and keeps them with their
 * resource's {@code service.name}.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span; ids in lower-case hex, {@code parentSpanId} "" for a root span. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, int kind) {
        static final int SERVER = 2;
        static final int PRODUCER = 4;
        static final int CONSUMER = 5;
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                try {
                    spans.addAll(exportRequest(body));
                } catch (RuntimeException e) {
                    errors.add(exchange.getRequestURI() + ": " + e);
                }
                // an empty ExportTraceServiceResponse: everything accepted
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** The endpoint to give the services (OTEL_EXPORTER_OTLP_ENDPOINT). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<ReceivedSpan> exportRequest(byte[] message) {
        List<ReceivedSpan> out = new ArrayList<>();
        for (Field resourceSpans : fields(message)) {
            if (resourceSpans.number == 1) {
                String service = "";
                List<byte[]> scopeSpans = new ArrayList<>();
                for (Field f : fields(resourceSpans.bytes)) {
                    if (f.number == 1) {
                        service = serviceName(f.bytes);
                    } else if (f.number == 2) {
                        scopeSpans.add(f.bytes);
                    }
                }
                for (byte[] scope : scopeSpans) {
                    for (Field f : fields(scope)) {
                        if (f.number == 2) {
                            out.add(span(service, f.bytes));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Resource.attributes (1) → KeyValue {key (1), value (2): AnyValue {string_value (1)}}. */
    private static String serviceName(byte[] resource) {
        for (Field attribute : fields(resource)) {
            if (attribute.number != 1) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field f : fields(attribute.bytes)) {
                if (f.number == 1) {
                    key = f.text();
                } else if (f.number == 2) {
                    for (Field v : fields(f.bytes)) {
                        if (v.number == 1) {
                            value = v.text();
                        }
                    }
                }
            }
            if ("service.name".equals(key)) {
                return value;
            }
        }
        return "";
    }

    /** Span: trace_id (1), span_id (2), parent_span_id (4), name (5), kind (6). */
    private static ReceivedSpan span(String service, byte[] span) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        for (Field f : fields(span)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = f.text();
                case 6 -> kind = (int) f.varint;
                default -> {}
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind);
    }

    /** One field of a protobuf message: its number and, by wire type, its varint or its bytes. */
    private record Field(int number, long varint, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static List<Field> fields(byte[] message) {
        List<Field> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> out.add(new Field(number, varint(message, at), null));
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                    at[0] += length;
                    out.add(new Field(number, 0, bytes));
                }
                default -> throw new IllegalArgumentException("wire type " + wireType + " at byte " + at[0]);
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[at[0]++];
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
