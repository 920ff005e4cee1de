package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStateBest;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.EventType;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The next bests that folds need ({@link AgreementState#needs}: an amendment took away what decided something),
 * looked up in the store's entries in one round trip: the folds' touched entries stored first (so that the queries
 * see them), then one statement per order of {@link AgreementStateBest.Order}, each a lateral {@code limit 1} per
 * (stream, need, event type) on V6's indexes.
 */
final class AgreementStateLookups {
    private final LongConsumer entriesRead;

    AgreementStateLookups(LongConsumer entriesRead) {
        this.entriesRead = entriesRead;
    }

    /**
     * Per (generation, stream, next best, type), the best entry in force of that type by the need's order
     * ({@link AgreementStateBest.Order}), one indexed {@code limit 1} each (V6's indexes: by type and version; by type
     * and date, occurred only); {@code ALL}: every entry in force of that type (the trade missions' facts). Dates in
     * {@code BusinessDate}'s order: earliest, latest, text (byte order), then the version.
     */
    private static String nextBest(AgreementStateBest.Order order) {
        String where = order == AgreementStateBest.Order.FIRST_DATE || order == AgreementStateBest.Order.LAST_DATE
                ? " and e.fact_status = 'OCCURRED'"
                : "";
        String orderBy =
                switch (order) {
                    case FIRST_VERSION -> " order by e.stream_version limit 1";
                    case LAST_VERSION -> " order by e.stream_version desc limit 1";
                    case FIRST_DATE ->
                        " order by e.date_earliest, e.date_latest, e.date_text collate \"C\", e.stream_version limit 1";
                    case LAST_DATE ->
                        " order by e.date_earliest desc, e.date_latest desc, e.date_text collate \"C\" desc,"
                                + " e.stream_version desc limit 1";
                    case ALL -> "";
                };
        return "select x.n, b.* from unnest($1::int[], $2::text[], $3::text[], $4::text[]) as x(g, s, n, t)"
                + " cross join lateral (select " + AgreementStates.prefixed("e")
                + " from agreement_fact e where e.generation = x.g"
                + " and e.negotiation_id = x.s and e.event_type = x.t and not e.retracted" + where + orderBy + ") as b";
    }

    /** Stores the entries these folds touched, asks the next bests they need (sent together) and resolves them. */
    Uni<Map<AgreementStates.Key, AgreementState>> resolve(
            SqlConnection conn, Map<AgreementStates.Key, AgreementState> looking) {
        AgreementStateColumns.Entries touched = new AgreementStateColumns.Entries();
        Map<AgreementStateBest.Order, List<Object[]>> asks = new EnumMap<>(AgreementStateBest.Order.class);
        looking.forEach((key, state) -> {
            state.touched().forEach(e -> touched.add(key.generation(), key.streamId(), e));
            for (AgreementStateBest need : state.needs()) {
                for (EventType type : need.types()) {
                    asks.computeIfAbsent(need.order(), o -> new ArrayList<>())
                            .add(new Object[] {key.generation(), key.streamId(), need.name(), type.typeName()});
                }
            }
        });
        // sent together: the entries stored first, so that the queries see them
        List<Uni<RowSet<Row>>> sent = new ArrayList<>();
        sent.add(conn.preparedQuery(AgreementStates.UPSERT_ENTRIES).execute(touched.tuple()));
        asks.forEach((order, rows) -> sent.add(conn.preparedQuery(nextBest(order))
                .execute(Tuple.of(
                        rows.stream().map(r -> (Integer) r[0]).toArray(Integer[]::new),
                        rows.stream().map(r -> (String) r[1]).toArray(String[]::new),
                        rows.stream().map(r -> (String) r[2]).toArray(String[]::new),
                        rows.stream().map(r -> (String) r[3]).toArray(String[]::new)))));
        return Uni.join().all(sent).andFailFast().map(results -> {
            Map<AgreementStates.Key, Map<AgreementStateBest, List<AgreementStateEntry>>> byKey = new HashMap<>();
            int read = 0;
            for (RowSet<Row> result : results.subList(1, results.size())) {
                for (Row row : result) {
                    AgreementStates.Key key = new AgreementStates.Key(row.getInteger(1), row.getString(2));
                    AgreementStateBest need = AgreementStateBest.valueOf(row.getString(0));
                    byKey.computeIfAbsent(key, k -> new EnumMap<>(AgreementStateBest.class))
                            .computeIfAbsent(need, k -> new ArrayList<>())
                            .add(AgreementStateColumns.entry(row, 1));
                    read++;
                }
            }
            entriesRead.accept(read);
            looking.forEach((key, state) -> state.resolve(byKey.getOrDefault(key, Map.of())));
            return looking;
        });
    }
}
