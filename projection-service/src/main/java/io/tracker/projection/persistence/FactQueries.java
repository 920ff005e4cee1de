package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The facts a question needs, from the active generation. Each method is one SQL statement that names the
 * active generation itself, so a rebuild switching generations never shows a query half of each.
 */
@ApplicationScoped
public class FactQueries {
    static final String ACTIVE = "(select generation from projection_generation where state = 'ACTIVE')";

    private static final String NEGOTIATION = "select " + FactRows.COLUMNS + " from fact"
            + " where generation = " + ACTIVE + " and stream_type = 'negotiation' and stream_id = $1"
            + " and recorded_at <= $2 order by stream_version";

    private static final String INVESTMENTS = "select " + FactRows.COLUMNS + " from fact f"
            + " where f.generation = " + ACTIVE + " and f.stream_type = 'investment' and f.stream_id in"
            + " (select l.investment_id from investment_link l where l.generation = f.generation"
            + " and l.negotiation_id = $1) and f.recorded_at <= $2 order by f.stream_id, f.stream_version";

    /** The negotiation's facts above a version, in stream order, each with its generation (the active one). */
    static final String NEGOTIATION_AFTER = "select generation, " + FactRows.COLUMNS + " from fact where generation = "
            + ACTIVE + " and stream_type = 'negotiation' and stream_id = $1 and stream_version > $2"
            + " order by stream_version";

    /**
     * The same, each row with the count of all the negotiation's facts in the generation: one statement, so the
     * count and the rows are of one snapshot (the count is computed once).
     */
    static final String NEGOTIATION_AFTER_COUNTED = "select (select count(*) from fact where generation = " + ACTIVE
            + " and stream_type = 'negotiation' and stream_id = $1), f.generation, "
            + FactRows.COLUMNS + " from fact f where f.generation = "
            + ACTIVE + " and f.stream_type = 'negotiation' and f.stream_id = $1 and f.stream_version > $2"
            + " order by f.stream_version";

    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Pool pool;
    private final FactRows rows = new FactRows();

    FactQueries(Pool pool) {
        this.pool = pool;
    }

    /** The negotiation's events recorded by {@code knownAt} (all when null), in stream order. */
    public Uni<List<RecordedEvent>> negotiation(String negotiationId, Instant knownAt) {
        return pool.preparedQuery(NEGOTIATION)
                .execute(Tuple.of(negotiationId, bound(knownAt)))
                .map(result -> rows.byStream(result).getOrDefault(negotiationId, List.of()));
    }

    /**
     * The negotiation's facts above {@code afterVersion} in the active generation (all of them when 0); empty when
     * there are none. With {@code afterVersion} above 0, the count of all the negotiation's facts in that generation
     * is read with them (one snapshot), else it is the count of the rows read.
     */
    public Uni<Optional<Tail>> negotiationAfter(String negotiationId, long afterVersion) {
        boolean counted = afterVersion > 0;
        return pool.preparedQuery(counted ? NEGOTIATION_AFTER_COUNTED : NEGOTIATION_AFTER)
                .execute(Tuple.of(negotiationId, afterVersion))
                .map(result -> {
                    if (result.size() == 0) {
                        return Optional.empty();
                    }
                    int first = counted ? 1 : 0;
                    int generation = 0;
                    long total = 0;
                    long lastVersion = 0;
                    long payloadChars = 0;
                    List<RecordedEvent> events = new ArrayList<>(result.size());
                    for (Row row : result) {
                        generation = row.getInteger(first);
                        total = counted ? row.getLong(0) : result.size();
                        lastVersion = Math.max(lastVersion, row.getLong(first + 3));
                        Optional<RecordedEvent> event = rows.event(row, first + 1);
                        if (event.isPresent()) {
                            events.add(event.get());
                            payloadChars += row.getString(first + 8).length();
                        }
                    }
                    return Optional.of(new Tail(generation, total, result.size(), lastVersion, events, payloadChars));
                });
    }

    /**
     * What {@link #negotiationAfter} read: the generation (the active one when it was read), the count of all the
     * negotiation's facts in it, how many fact rows were read and the highest version among them, the events they
     * hold (rows that cannot be read are skipped, as everywhere) and the length of those events' stored payloads.
     */
    public record Tail(
            int generation, long total, int rows, long lastVersion, List<RecordedEvent> events, long payloadChars) {}

    /** The events, by investment, of every investment that ever named the negotiation, recorded by {@code knownAt}. */
    public Uni<Map<String, List<RecordedEvent>>> investmentsNaming(String negotiationId, Instant knownAt) {
        return pool.preparedQuery(INVESTMENTS)
                .execute(Tuple.of(negotiationId, bound(knownAt)))
                .map(rows::byStream);
    }

    private static OffsetDateTime bound(Instant knownAt) {
        return knownAt == null ? END_OF_TIME : knownAt.atOffset(ZoneOffset.UTC);
    }
}
