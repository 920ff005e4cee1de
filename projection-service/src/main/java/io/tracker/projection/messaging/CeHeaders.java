package io.tracker.projection.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The CloudEvents (Kafka binding, binary mode) headers this service reads, and the ones it adds to dead letters. */
public final class CeHeaders {
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

    /** Dead-letter headers (names as SmallRye's dead-letter queue writes them, plus the reason code). */
    public static final String DLQ_REASON = "dead-letter-reason";

    public static final String DLQ_CAUSE = "dead-letter-cause";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";
    public static final String DLQ_GROUP = "dead-letter-consumer-group";

    private CeHeaders() {}

    /** The last value of a header as text, or null. */
    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
