package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.tracker.projection.domain.EventBody;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.EventDecoder;
import io.tracker.projection.messaging.PoisonException;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** Reads fact rows back into domain events (the stored payload is the event's data, read by the same decoder). */
final class FactRows {
    private static final Logger LOG = Logger.getLogger(FactRows.class);

    /** The columns {@link #event} reads, in this order. */
    static final String COLUMNS = "stream_type, stream_id, stream_version, event_id, event_type, schema_version,"
            + " recorded_at, payload::text";

    private final EventDecoder decoder = new EventDecoder();

    Optional<RecordedEvent> event(Row row) {
        return event(row, 0);
    }

    /** Reads the {@link #COLUMNS} starting at column {@code first}. */
    Optional<RecordedEvent> event(Row row, int first) {
        int c = first;
        String typeName = row.getString(c + 4);
        Optional<EventType> type = EventType.ofTypeName(typeName);
        Optional<StreamKind> stream = StreamKind.ofWireName(row.getString(c));
        if (type.isEmpty() || stream.isEmpty()) {
            LOG.warnf("stored fact of unknown type %s skipped", typeName);
            return Optional.empty();
        }
        try {
            EventBody body = decoder.decode(type.get(), row.getInteger(c + 5), row.getString(c + 7));
            return Optional.of(new RecordedEvent(
                    stream.get(),
                    row.getString(c + 1),
                    row.getLong(c + 2),
                    row.getUUID(c + 3),
                    type.get(),
                    row.getOffsetDateTime(c + 6).toInstant(),
                    body));
        } catch (PoisonException e) {
            LOG.warnf(
                    "stored fact %s v%d of %s cannot be read (%s); skipped",
                    typeName, row.getLong(c + 2), row.getString(c + 1), e.getMessage());
            return Optional.empty();
        }
    }

    /** Events by stream id, each list in stream order (rows must come ordered by stream id, version). */
    Map<String, List<RecordedEvent>> byStream(RowSet<Row> rows) {
        Map<String, List<RecordedEvent>> streams = new LinkedHashMap<>();
        for (Row row : rows) {
            event(row).ifPresent(e -> streams.computeIfAbsent(e.streamId(), k -> new ArrayList<>())
                    .add(e));
        }
        return streams;
    }
}
