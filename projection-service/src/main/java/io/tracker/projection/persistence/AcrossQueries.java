package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Facts across agreements, from the active generation: every negotiation's and every investment's facts recorded
 * by a time (one statement each, naming the active generation), and what was recorded between two times.
 */
@ApplicationScoped
public class AcrossQueries {
    private static final String ACTIVE = FactQueries.ACTIVE;

    private static final String STREAMS = "select " + FactRows.COLUMNS + " from fact where generation = " + ACTIVE
            + " and stream_type = $1 and recorded_at <= $2 order by stream_id, stream_version";

    /** Negotiation and investment facts in one statement, so both come from the same generation. */
    private static final String BOTH = "select " + FactRows.COLUMNS + " from fact where generation = " + ACTIVE
            + " and recorded_at <= $1 order by stream_type, stream_id, stream_version";

    /**
     * What was recorded in (after, until], after the position (recorded_at, stream_type, stream_id, version),
     * optionally only about one agreement (its own stream and the investments that name it); each amendment with
     * the fact it amends (columns 8..15), and the agreements an investment names.
     */
    private static final String CHANGES = "select " + prefixed("f") + ", " + prefixed("t") + ","
            + " (select string_agg(l.negotiation_id, ',' order by l.negotiation_id) from investment_link l"
            + "   where l.generation = f.generation and f.stream_type = 'investment' and l.investment_id = f.stream_id)"
            + " from fact f left join fact t on t.generation = f.generation and t.stream_type = f.stream_type"
            + "   and t.stream_id = f.stream_id and t.stream_version = f.target_version"
            + " where f.generation = " + ACTIVE + " and f.recorded_at > $1 and f.recorded_at <= $2"
            + " and (f.recorded_at, f.stream_type, f.stream_id, f.stream_version) > ($3, $4, $5, $6)"
            + " and ($7::text is null or (f.stream_type = 'negotiation' and f.stream_id = $7)"
            + "   or (f.stream_type = 'investment' and f.stream_id in (select l.investment_id from investment_link l"
            + "     where l.generation = f.generation and l.negotiation_id = $7)))"
            + " order by f.recorded_at, f.stream_type, f.stream_id, f.stream_version limit $8";

    private static final OffsetDateTime BEGINNING = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime END_OF_TIME = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Pool pool;
    private final FactRows rows = new FactRows();

    AcrossQueries(Pool pool) {
        this.pool = pool;
    }

    /** Both kinds of stream, recorded by {@code knownAt} (all when null). */
    public record AllStreams(
            Map<String, List<RecordedEvent>> negotiations, Map<String, List<RecordedEvent>> investments) {}

    /** Every negotiation's events recorded by {@code knownAt}, by id, each in stream order. */
    public Uni<Map<String, List<RecordedEvent>>> negotiations(Instant knownAt) {
        return pool.preparedQuery(STREAMS)
                .execute(Tuple.of("negotiation", bound(knownAt)))
                .map(rows::byStream);
    }

    /** Every investment's events recorded by {@code knownAt}, by id, each in stream order. */
    public Uni<Map<String, List<RecordedEvent>>> investments(Instant knownAt) {
        return pool.preparedQuery(STREAMS)
                .execute(Tuple.of("investment", bound(knownAt)))
                .map(rows::byStream);
    }

    public Uni<AllStreams> all(Instant knownAt) {
        return pool.preparedQuery(BOTH).execute(Tuple.of(bound(knownAt))).map(result -> {
            Map<String, List<RecordedEvent>> negotiations = new LinkedHashMap<>();
            Map<String, List<RecordedEvent>> investments = new LinkedHashMap<>();
            for (Row row : result) {
                rows.event(row).ifPresent(e -> (e.stream() == io.tracker.projection.domain.StreamKind.NEGOTIATION
                                ? negotiations
                                : investments)
                        .computeIfAbsent(e.streamId(), k -> new ArrayList<>())
                        .add(e));
            }
            return new AllStreams(negotiations, investments);
        });
    }

    /** A recorded event, the event it amends (null if none or unknown), the agreements an investment names. */
    public record Recorded(RecordedEvent event, RecordedEvent target, List<String> links) {}

    /** Where a reading of the changes stopped: the last change returned, in (recorded_at, stream, id, version) order. */
    public record Position(Instant recordedAt, String streamType, String streamId, long version) {
        public static final Position START = new Position(null, "", "", -1);
    }

    /** At most {@code limit} events recorded in (after, until] past {@code position}, in recorded order. */
    public Uni<List<Recorded>> recorded(
            Instant after, Instant until, Position position, String agreementId, int limit) {
        OffsetDateTime from = after == null ? BEGINNING : after.atOffset(ZoneOffset.UTC);
        OffsetDateTime pos = position.recordedAt() == null
                ? BEGINNING
                : position.recordedAt().atOffset(ZoneOffset.UTC);
        Tuple args = Tuple.tuple(
                List.of(from, bound(until), pos, position.streamType(), position.streamId(), position.version()));
        args.addValue(agreementId);
        args.addValue(limit);
        return pool.preparedQuery(CHANGES).execute(args).map(result -> {
            List<Recorded> changes = new ArrayList<>();
            for (Row row : result) {
                rows.event(row, 0).ifPresent(e -> {
                    RecordedEvent target =
                            row.getValue(8) == null ? null : rows.event(row, 8).orElse(null);
                    String links = row.getString(16);
                    changes.add(new Recorded(e, target, links == null ? List.of() : List.of(links.split(","))));
                });
            }
            return changes;
        });
    }

    private static String prefixed(String alias) {
        StringBuilder s = new StringBuilder();
        for (String column : FactRows.COLUMNS.split(",")) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(alias).append('.').append(column.trim());
        }
        return s.toString();
    }

    private static OffsetDateTime bound(Instant knownAt) {
        return knownAt == null ? END_OF_TIME : knownAt.atOffset(ZoneOffset.UTC);
    }
}
