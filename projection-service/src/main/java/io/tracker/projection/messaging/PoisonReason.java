package io.tracker.projection.messaging;

/** Why a record cannot be applied; the value of the {@code dead-letter-reason} header. */
public enum PoisonReason {
    /** the value is not JSON (or not a JSON object, or the content type is not JSON) */
    NOT_JSON,
    /** {@code ce_type} names no event this service knows on this topic */
    UNKNOWN_TYPE,
    /** the type is known, but not at this schema version */
    UNSUPPORTED_SCHEMA_VERSION,
    /** {@code ce_source} is not the producer that owns the topic */
    WRONG_SOURCE,
    /** the data does not match the published JSON Schema of its type and schema version */
    SCHEMA_VIOLATION,
    /** required CloudEvents attributes or data fields are missing, unreadable or disagree (subject vs key, ...) */
    INVALID_EVENT
}
