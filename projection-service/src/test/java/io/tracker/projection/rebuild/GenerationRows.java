package io.tracker.projection.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A generation's rows of some streams, each as its columns joined (generation and applied_at left out). */
final class GenerationRows {
    static final String FACTS = "stream_type, stream_id, stream_version, event_id, event_type,"
            + " schema_version, date_text, date_precision, date_earliest, date_latest, fact_status, target_version,"
            + " recorded_at, source_topic, source_partition, source_offset, payload::text";
    static final String SUMMARIES = "negotiation_id, title, parties, stage, last_milestone,"
            + " last_milestone_kind, last_milestone_date, pending_milestones, binding, last_version, last_recorded_at,"
            + " state_encoding, encode(state, 'hex')";
    static final String ENTRIES = "negotiation_id, stream_version, event_type, date_text, date_precision,"
            + " date_earliest, date_latest, fact_status, title, mission_id, parties, corrected_by, retracted";
    private static final Duration DB = Duration.ofSeconds(10);

    private final Pool pool;

    GenerationRows(Pool pool) {
        this.pool = pool;
    }

    /**
     * How many facts of {@code streamType} whose stream id ends with {@code tail} the generation holds. A test that
     * published to both topics waits on it for the topic it does not otherwise wait on: the live consumer applies
     * each topic's batches on its own, so the negotiations being there says nothing of the investments.
     */
    long facts(int generation, String tail, String streamType) {
        return pool.preparedQuery("select count(*) from fact where generation = $1 and stream_type = $2"
                        + " and stream_id like '%' || $3")
                .execute(Tuple.of(generation, streamType, tail))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getLong(0);
    }

    /** Every row of the generation's facts, list rows, state entries and links whose stream id ends with {@code tail}. */
    List<String> all(int generation, String tail) {
        List<String> rows = new ArrayList<>();
        rows.addAll(rows(FACTS, "fact", "stream_id", generation, tail, "stream_type, stream_id, stream_version"));
        rows.addAll(rows(SUMMARIES, "agreement_summary", "negotiation_id", generation, tail, "negotiation_id"));
        rows.addAll(
                rows(ENTRIES, "agreement_fact", "negotiation_id", generation, tail, "negotiation_id, stream_version"));
        rows.addAll(rows(
                "negotiation_id, investment_id",
                "investment_link",
                "investment_id",
                generation,
                tail,
                "negotiation_id, investment_id"));
        return rows;
    }

    List<String> rows(String columns, String table, String idColumn, int generation, String tail, String order) {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("select '" + table + "', " + columns + " from " + table + " where generation = $1 and "
                        + idColumn + " like '%' || $2 order by " + order)
                .execute(Tuple.of(generation, tail))
                .await()
                .atMost(DB)
                .forEach(row -> rows.add(text(row)));
        return rows;
    }

    long count(String sql, Object... params) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(params))
                .await()
                .atMost(DB)
                .iterator()
                .next()
                .getLong(0);
    }

    String state(int generation) {
        var rows = pool.preparedQuery("select state from projection_generation where generation = $1")
                .execute(Tuple.of(generation))
                .await()
                .atMost(DB);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            s.append(i == 0 ? "" : "|").append(row.getValue(i));
        }
        return s.toString();
    }
}
