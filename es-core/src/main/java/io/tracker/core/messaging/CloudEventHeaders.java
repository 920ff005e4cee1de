package io.tracker.core.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.ConfigProvider;

import io.tracker.core.store.StoredEvent;

/**
 * CloudEvents 1.0, Kafka protocol binding, binary mode: every attribute is a {@code ce_} header, the
 * content type is {@code content-type}, the record value is the event's JSON data.
 *
 * <p>{@code ce_dataschema} is an absolute URI (the spec types it {@code format: uri}):
 * {@code <tracker.contract.base-uri><producer>/schemas/<Type>.v<N>.json}, e.g.
 * {@code https://contract.tracker.example/negotiation-service/schemas/MouSigned.v1.json}. It names the schema;
 * the same path holds the file in the contract artifact ({@code tracker-contract/<producer>/schemas/...}) and a
 * running producer serves it at {@code /contract/schemas/...}.
 */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    public static final String STREAM_TYPE = "ce_streamtype";
    public static final String STREAM_VERSION = "ce_streamversion";
    public static final String POSITION = "ce_position";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String ACTOR = "ce_actor";

    /** Config key of the base of every {@code ce_dataschema} URI (ends with a slash). */
    public static final String CONTRACT_BASE_URI_KEY = "tracker.contract.base-uri";
    /** Its default: a stable name, not a server anyone must run. */
    public static final String DEFAULT_CONTRACT_BASE_URI = "https://contract.tracker.example/";

    private CloudEventHeaders() {}

    /** The absolute {@code ce_dataschema} of a type and schema version written by {@code source} ({@code /negotiation-service}). */
    public static String dataSchema(String baseUri, String source, String type, int schemaVersion) {
        String base = baseUri.endsWith("/") ? baseUri : baseUri + "/";
        String producer = source.startsWith("/") ? source.substring(1) : source;
        return base + producer + "/schemas/" + type + ".v" + schemaVersion + ".json";
    }

    /** The configured base URI ({@value #CONTRACT_BASE_URI_KEY}), or the default outside a configured runtime. */
    public static String contractBaseUri() {
        try {
            return ConfigProvider.getConfig()
                    .getOptionalValue(CONTRACT_BASE_URI_KEY, String.class)
                    .orElse(DEFAULT_CONTRACT_BASE_URI);
        } catch (IllegalStateException e) {
            return DEFAULT_CONTRACT_BASE_URI;
        }
    }

    public static Headers of(StoredEvent e, String source) {
        return of(e, source, contractBaseUri());
    }

    public static Headers of(StoredEvent e, String source, String contractBaseUri) {
        RecordHeaders h = new RecordHeaders();
        put(h, SPEC_VERSION, "1.0");
        put(h, ID, e.eventId().toString());
        put(h, SOURCE, source);
        put(h, TYPE, e.type());
        put(h, SUBJECT, e.streamId());
        put(h, TIME, e.recordedAt().toInstant().toString());
        put(h, CONTENT_TYPE, "application/json");
        put(h, DATA_SCHEMA, dataSchema(contractBaseUri, source, e.type(), e.schemaVersion()));
        put(h, SCHEMA_VERSION, Integer.toString(e.schemaVersion()));
        put(h, STREAM_TYPE, e.streamType());
        put(h, STREAM_VERSION, Long.toString(e.version()));
        put(h, POSITION, Long.toString(e.position()));
        put(h, CORRELATION_ID, e.correlationId());
        put(h, CAUSATION_ID, e.causationId());
        put(h, ACTOR, e.actor());
        return h;
    }

    /** The value of a header as text, or null when absent. */
    public static String get(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders h, String name, String value) {
        if (value != null) {
            h.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
