package io.tracker.projection.support;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the ACTIVE generation of the read models holds for one negotiation, as the tests read it. */
public final class ActiveGeneration {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ACTIVE =
            "generation = (select generation from projection_generation where" + " state = 'ACTIVE')";

    private ActiveGeneration() {}

    /** The fact rows of the stream. */
    public static long facts(Pool pool, String streamId) {
        return pool.preparedQuery("select count(*) from fact where stream_id = $1 and " + ACTIVE)
                .execute(Tuple.of(streamId))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    /**
     * How many events the negotiation's stored state folded (its encoding begins with that count, a 4-byte
     * integer); 0 when it has no summary row yet.
     */
    public static long foldedEvents(Pool pool, String negotiationId) {
        RowSet<Row> rows = pool.preparedQuery(
                        "select ('x' || encode(substring(state from 1 for 4), 'hex'))::bit(32)::int"
                                + " from agreement_summary where negotiation_id = $1 and " + ACTIVE)
                .execute(Tuple.of(negotiationId))
                .await()
                .atMost(WAIT);
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0);
    }
}
