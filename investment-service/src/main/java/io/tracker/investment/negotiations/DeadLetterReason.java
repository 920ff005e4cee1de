package io.tracker.investment.negotiations;

/**
 * Why a record of the negotiation topic is dead-lettered: the value of the {@code dead-letter-reason} header. The
 * same codes as the projection's (each consumer has its own copy: they share no code), so that one bad record is
 * refused for the same reason by both.
 */
enum DeadLetterReason {
    /** the value is not a UTF-8 JSON object, or the content type is not application/json */
    NOT_JSON,
    /** {@code ce_type} names no event of the topic's published contract */
    UNKNOWN_TYPE,
    /** the type is published, but not at this schema version */
    UNSUPPORTED_SCHEMA_VERSION,
    /** {@code ce_source} is not the producer that owns the topic */
    WRONG_SOURCE,
    /** the data does not match the published JSON Schema of its type and schema version */
    SCHEMA_VIOLATION,
    /** required CloudEvents attributes or data fields are missing, unreadable or disagree (subject vs key, ...) */
    INVALID_EVENT
}
