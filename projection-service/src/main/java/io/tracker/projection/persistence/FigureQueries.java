package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.EventType;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The indicator and claim events of one agreement recorded by {@code knownAt}, from the active generation. They
 * are stored as rows of the bitemporal {@code fact} table like every applied event (so applying twice inserts
 * nothing and a rebuild replays them), and read here alone: the facts' questions skip them.
 */
@ApplicationScoped
public class FigureQueries {
    private static final String FIGURES = "select " + FactRows.COLUMNS + " from fact"
            + " where generation = " + FactQueries.ACTIVE + " and stream_type = 'negotiation' and stream_id = $1"
            + " and event_type = any($2) and recorded_at <= $3 order by stream_version";

    private static final String[] TYPES = Arrays.stream(EventType.values())
            .filter(t -> t.category() == EventType.Category.FIGURE)
            .map(EventType::typeName)
            .toArray(String[]::new);

    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Pool pool;
    private final FactRows rows = new FactRows();

    FigureQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RecordedEvent>> figures(String negotiationId, Instant knownAt) {
        OffsetDateTime bound = knownAt == null ? END_OF_TIME : knownAt.atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(FIGURES)
                .execute(Tuple.of(negotiationId, TYPES, bound))
                .map(result -> rows.byStream(result).getOrDefault(negotiationId, List.of()));
    }
}
