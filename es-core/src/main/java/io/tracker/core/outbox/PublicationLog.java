package io.tracker.core.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.core.store.Checkpoint;
import io.tracker.core.store.CommitOrder;
import io.tracker.core.store.StoredEvent;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the relay publishes: {@code es_events} after its checkpoint, in commit order below the
 * {@link CommitOrder#HORIZON}, and the checkpoint itself, one row ({@code es_publication}) updated at most once per
 * {@code checkpoint-interval} ({@link RelayCheckpoint}). Nothing is written per event.
 */
@ApplicationScoped
class PublicationLog {
    static final String RELAY = "outbox";
    /**
     * The events after the checkpoint in commit order, each with whether it is final: below the
     * {@link CommitOrder#HORIZON} (evaluated once per statement), under which no transaction can commit any more. The
     * final ones come first (the order is by transaction id); a row that is not final says that committed events
     * wait behind a transaction still running, so the same read also answers what a separate held-back check did.
     */
    static final String NEXT = "select " + CommitOrder.isFinal("es_events.transaction_id") + " as final, traceparent, "
            + StoredEvent.COLUMNS + " from es_events"
            + " where (transaction_id, global_position) > ($1::text::xid8, $2)"
            // qualified, so that it never means an output column (see StoredEvent.COLUMNS)
            + " order by es_events.transaction_id, es_events.global_position limit $3";
    /**
     * Monotonic: a replica that lost the lock without knowing it cannot move the checkpoint back. Committed without
     * waiting for the WAL flush ({@code synchronous_commit} off for this transaction only): a checkpoint lost in a
     * crash of PostgreSQL only makes the next publisher send again what it had sent (at least once, which consumers
     * already handle), and the relay no longer waits a flush per batch.
     */
    static final String SAVE = "update es_publication set transaction_id = $2::text::xid8, global_position = $3,"
            + " published_at = now() from (select set_config('synchronous_commit', 'off', true)) as async"
            + " where relay = $1 and (transaction_id, global_position) < ($2::text::xid8, $3)";

    static final String BACKLOG = "select count(*),"
            + " coalesce(extract(epoch from now() - min(e.recorded_at)), 0)::float8"
            + " from es_publication p join es_events e"
            + " on (e.transaction_id, e.global_position) > (p.transaction_id, p.global_position) where p.relay = $1";

    private final Pool pool;

    PublicationLog(Pool pool) {
        this.pool = pool;
    }

    Uni<Checkpoint> checkpoint() {
        return pool.preparedQuery("select transaction_id::text, global_position from es_publication where relay = $1")
                .execute(Tuple.of(RELAY))
                .onItem()
                .transform(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new IllegalStateException("es_publication has no row '" + RELAY + "' (migration V13)");
                    }
                    Row r = rows.iterator().next();
                    return new Checkpoint(Long.parseLong(r.getString(0)), r.getLong(1));
                });
    }

    /**
     * Up to {@code limit} events after {@code after} in commit order: those committed and final, each with the
     * traceparent stored with it, and whether more committed events wait behind a transaction still running.
     */
    Uni<Page> next(Checkpoint after, int limit) {
        return pool.preparedQuery(NEXT)
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit))
                .onItem()
                .transform(rows -> {
                    List<PendingEntry> events = new ArrayList<>(rows.rowCount());
                    for (Row row : rows) {
                        if (!row.getBoolean(0)) {
                            return new Page(events, true, rows.rowCount());
                        }
                        events.add(new PendingEntry(StoredEvent.from(row, 2), row.getString(1)));
                    }
                    return new Page(events, false, rows.rowCount());
                });
    }

    /**
     * What one read found: the events to publish now, whether committed events wait behind a running transaction
     * ({@code heldBack}), and how many rows the read returned (as many as its limit: there may be more).
     */
    record Page(List<PendingEntry> events, boolean heldBack, int rows) {}

    /**
     * Moves the checkpoint, on the connection that holds the relay's lock: when that session is gone (and with it
     * the lock, which another replica may hold now), the update fails instead of racing the new publisher.
     */
    Uni<Void> save(PgConnection lockConnection, Checkpoint published) {
        return lockConnection
                .preparedQuery(SAVE)
                .execute(Tuple.of(RELAY, Long.toString(published.transactionId()), published.position()))
                .replaceWithVoid();
    }

    /** Events not yet published and the age of the oldest of them (0 when there is none). */
    Uni<Backlog> backlog() {
        return pool.preparedQuery(BACKLOG).execute(Tuple.of(RELAY)).onItem().transform(rows -> {
            Row r = rows.iterator().next();
            return new Backlog(r.getLong(0), r.getDouble(1));
        });
    }

    record Backlog(long events, double oldestAgeSeconds) {}
}
