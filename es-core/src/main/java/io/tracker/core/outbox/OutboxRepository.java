package io.tracker.core.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.core.store.StoredEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads undelivered outbox entries in order and marks them delivered. */
@ApplicationScoped
class OutboxRepository {
    private static final String PENDING = "select o.id, o.topic, e.traceparent, " + StoredEvent.COLUMNS
            + " from es_outbox o join es_events e using (global_position)"
            + " where o.delivered_at is null order by o.id limit $1";

    private final Pool pool;

    OutboxRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<List<PendingEntry>> pending(int limit) {
        return pool.preparedQuery(PENDING).execute(Tuple.of(limit)).onItem().transform(rows -> {
            List<PendingEntry> entries = new ArrayList<>(rows.rowCount());
            for (Row r : rows) {
                entries.add(new PendingEntry(r.getLong(0), r.getString(1), StoredEvent.from(r, 3), r.getString(2)));
            }
            return entries;
        });
    }

    Uni<Void> markDelivered(List<PendingEntry> entries) {
        Long[] ids = entries.stream().map(PendingEntry::id).toArray(Long[]::new);
        return pool.preparedQuery("update es_outbox set delivered_at = now() where id = any($1)")
                .execute(Tuple.of(ids)).replaceWithVoid();
    }

    Uni<Long> countPending() {
        return pool.query("select count(*) from es_outbox where delivered_at is null").execute()
                .onItem().transform(rows -> rows.iterator().next().getLong(0));
    }
}
