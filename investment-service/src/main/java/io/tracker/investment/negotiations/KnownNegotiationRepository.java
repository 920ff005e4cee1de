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
     * Applies one change in one transaction, idempotently: a change at or below the version the view already
     * has is a redelivery and changes nothing; otherwise the change and the new version are written together.
     * The row is locked while deciding, so two consumers (a rebalance) cannot both apply; two first inserts of the
     * same negotiation: one fails on the primary key and is retried by the caller, then finds the row.
     */
    public Uni<Outcome> apply(NegotiationChange change) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(
                tx -> tx.preparedQuery("select " + COLUMNS + " from known_negotiations where id = $1 for update")
                        .execute(Tuple.of(change.negotiationId()))
                        .chain(rows -> {
                            KnownNegotiation known = first(rows);
                            if (known == null) {
                                KnownNegotiation n = KnownNegotiation.first(change, now);
                                return tx.preparedQuery("insert into known_negotiations (" + COLUMNS
                                                + ") values ($1, $2, $3, $4, $5, $6, $7, $8)")
                                        .execute(values(n))
                                        .replaceWith(Outcome.APPLIED);
                            }
                            if (change.streamVersion() <= known.lastVersion) {
                                return Uni.createFrom().item(Outcome.DUPLICATE);
                            }
                            known.apply(change, now);
                            return tx.preparedQuery("update known_negotiations set title = $2, terminated = $3,"
                                            + " terminated_on = $4, terminated_until = $5, last_version = $6,"
                                            + " first_seen_at = $7, updated_at = $8 where id = $1")
                                    .execute(values(known))
                                    .replaceWith(Outcome.APPLIED);
                        }));
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

    private static Tuple values(KnownNegotiation n) {
        return Tuple.tuple()
                .addValue(n.id)
                .addValue(n.title)
                .addValue(n.terminated)
                .addValue(n.terminatedOn)
                .addValue(n.terminatedUntil)
                .addValue(n.lastVersion)
                .addValue(n.firstSeenAt)
                .addValue(n.updatedAt);
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
