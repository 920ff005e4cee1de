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
import io.vertx.mutiny.core.buffer.Buffer;
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

    /**
     * The negotiation's facts above a version ($2), in stream order, each row with, from the same snapshot, the
     * active generation and the agreement's list row's version (its {@code xmin}: the transaction that last wrote it)
     * and the first four bytes of its stored head (the count of events folded, {@link AgreementStateCodec#events}),
     * each read once. Every transaction that inserts facts of a negotiation also writes its list row (the fold of
     * {@link AgreementStates}, in the same transaction), so that version changes whenever the facts do.
     */
    static final String NEGOTIATION_AFTER = "with g as " + ACTIVE + ", s as (select a.xmin::text::bigint as x,"
            + " case when a.state_encoding = " + AgreementStateCodec.ENCODING
            + " then substring(a.state from 1 for 4) end as head from agreement_summary a, g"
            + " where a.generation = g.generation and a.negotiation_id = $1)"
            + " select g.generation, (select x from s), (select head from s), " + FactRows.COLUMNS
            + " from fact f, g where f.generation = g.generation and f.stream_type = 'negotiation'"
            + " and f.stream_id = $1 and f.stream_version > $2 order by f.stream_version";

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
     * The negotiation's facts above {@code afterVersion} in the active generation (all of them when 0), with what
     * its list row says then (one snapshot); empty when there are none.
     */
    public Uni<Optional<Tail>> negotiationAfter(String negotiationId, long afterVersion) {
        return pool.preparedQuery(NEGOTIATION_AFTER)
                .execute(Tuple.of(negotiationId, afterVersion))
                .map(result -> {
                    if (result.size() == 0) {
                        return Optional.empty();
                    }
                    int generation = 0;
                    Long rowVersion = null;
                    int headEvents = -1;
                    long lastVersion = 0;
                    List<RecordedEvent> events = new ArrayList<>(result.size());
                    for (Row row : result) {
                        generation = row.getInteger(0);
                        rowVersion = row.getLong(1);
                        Buffer head = row.getBuffer(2);
                        headEvents = head == null ? -1 : AgreementStateCodec.events(head.getBytes());
                        lastVersion = Math.max(lastVersion, row.getLong(5));
                        Optional<RecordedEvent> event = rows.event(row, 3);
                        event.ifPresent(events::add);
                    }
                    return Optional.of(
                            new Tail(generation, rowVersion, headEvents, result.size(), lastVersion, events));
                });
    }

    /**
     * What {@link #negotiationAfter} read: the generation (the active one when it was read); the version of the
     * agreement's list row then (null without one) and the count of events its stored head says were folded (-1
     * when unknown: no row, or a head this version does not read); how many fact rows were read and the highest
     * version among them; the events they hold (rows that cannot be read are skipped, as everywhere).
     */
    public record Tail(
            int generation, Long rowVersion, int headEvents, int rows, long lastVersion, List<RecordedEvent> events) {}

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
