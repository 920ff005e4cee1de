package io.tracker.investment.negotiations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The known-negotiations view in PostgreSQL (table {@code known_negotiations}, migration in db/investment), through
 * the reactive client the event store uses (no ORM: one table, three statements).
 */
@ApplicationScoped
public class KnownNegotiationRepository {
    private static final String COLUMNS =
            "id, title, terminated, terminated_on, terminated_until, last_version, first_seen_at, updated_at";

    /** What {@link #apply} did with a change. */
    public enum Outcome {
        APPLIED,
        DUPLICATE
    }

    private final Pool pool;

    KnownNegotiationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Applies one change, idempotently, in one statement (its own transaction: one round trip, and a transaction id
     * held only while the statement runs, which is what holds this service's relay back): the first change of a
     * negotiation inserts its row; a later one updates it together with the new version; a change at or below the
     * version the row has is a redelivery and changes nothing. The upsert locks the row, so two consumers (a
     * rebalance) cannot both apply, and a concurrent first insert of the same negotiation makes this one wait and then
     * update (or skip) the row it inserted.
     */
    static final String APPLY = "insert into known_negotiations as k (" + COLUMNS + ")"
            + " values ($1, $2, $3, $4, $5, $6, $7, $7) on conflict (id) do update set"
            // an opening sets the title; a termination sets the termination (an opening never unsets it)
            + " title = case when excluded.terminated then k.title else excluded.title end,"
            + " terminated = k.terminated or excluded.terminated,"
            + " terminated_on = case when excluded.terminated then excluded.terminated_on else k.terminated_on end,"
            + " terminated_until = case when excluded.terminated then excluded.terminated_until"
            + " else k.terminated_until end,"
            + " last_version = excluded.last_version, updated_at = excluded.updated_at"
            + " where k.last_version < excluded.last_version returning k.id";

    public Uni<Outcome> apply(NegotiationChange change) {
        boolean terminated = change.kind() == NegotiationChange.Kind.TERMINATED;
        Tuple values = Tuple.tuple()
                .addValue(change.negotiationId())
                .addValue(terminated ? null : change.title())
                .addValue(terminated)
                .addValue(terminated ? change.terminatedOn() : null)
                .addValue(terminated ? change.terminatedUntil() : null)
                .addValue(change.streamVersion())
                .addValue(OffsetDateTime.now(ZoneOffset.UTC));
        return pool.preparedQuery(APPLY)
                .execute(values)
                .map(rows -> rows.rowCount() > 0 ? Outcome.APPLIED : Outcome.DUPLICATE);
    }

    public Uni<List<KnownNegotiation>> byIds(Collection<String> ids) {
        return pool.preparedQuery("select " + COLUMNS + " from known_negotiations where id = any($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(KnownNegotiationRepository::all);
    }

    public Uni<KnownNegotiation> byId(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from known_negotiations where id = $1")
                .execute(Tuple.of(id))
                .map(KnownNegotiationRepository::first);
    }

    private static KnownNegotiation first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? of(it.next()) : null;
    }

    private static List<KnownNegotiation> all(RowSet<Row> rows) {
        List<KnownNegotiation> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(of(row));
        }
        return list;
    }

    private static KnownNegotiation of(Row row) {
        KnownNegotiation n = new KnownNegotiation();
        n.id = row.getString("id");
        n.title = row.getString("title");
        n.terminated = row.getBoolean("terminated");
        n.terminatedOn = row.getString("terminated_on");
        n.terminatedUntil = row.getLocalDate("terminated_until");
        n.lastVersion = row.getLong("last_version");
        n.firstSeenAt = row.getOffsetDateTime("first_seen_at");
        n.updatedAt = row.getOffsetDateTime("updated_at");
        return n;
    }
}
