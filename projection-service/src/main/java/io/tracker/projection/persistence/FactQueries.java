package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
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
