package io.tracker.core.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** An event as the store holds it, with its metadata. */
public record StoredEvent(
        long position,
        String transactionId,
        String streamId,
        String streamType,
        long version,
        UUID eventId,
        String type,
        int schemaVersion,
        String payload,
        String occurredOn,
        String correlationId,
        String causationId,
        String actor,
        String idempotencyKey,
        OffsetDateTime recordedAt) {

    /**
     * The select list that {@link #from} reads, in order. Its second column, the transaction id as text, has an
     * output name of its own ({@code transaction_id_text}): named {@code transaction_id}, it would be what a bare
     * {@code ORDER BY transaction_id} sorts by (PostgreSQL takes a bare name in ORDER BY for the output column
     * first), and text order puts transaction "1000" before "999" (the relay's order bug, CommitOrderAcrossDigitsTest).
     */
    public static final String COLUMNS = "global_position, transaction_id::text as transaction_id_text, stream_id,"
            + " stream_type, version, event_id, event_type, schema_version, payload::text, occurred_on, correlation_id,"
            + " causation_id, actor, idempotency_key, recorded_at";

    /** Reads the {@link #COLUMNS} starting at column {@code at}. */
    public static StoredEvent from(Row r, int at) {
        return new StoredEvent(
                r.getLong(at),
                r.getString(at + 1),
                r.getString(at + 2),
                r.getString(at + 3),
                r.getLong(at + 4),
                r.getUUID(at + 5),
                r.getString(at + 6),
                r.getInteger(at + 7),
                r.getString(at + 8),
                r.getString(at + 9),
                r.getString(at + 10),
                r.getString(at + 11),
                r.getString(at + 12),
                r.getString(at + 13),
                r.getOffsetDateTime(at + 14));
    }
}
