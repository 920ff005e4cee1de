package io.tracker.core.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Snapshots of folded states ({@code es_snapshots}, one a stream): the state after {@code version} in some
 * {@code encoding}. Only a cache of the fold of immutable events, so a write needs no transaction with the
 * append and a lost one costs only a longer load.
 */
@ApplicationScoped
public class SnapshotStore {
    /** A stored snapshot. */
    public record Snapshot(long version, String encoding, String state) {}

    private final Pool pool;

    public SnapshotStore(Pool pool) {
        this.pool = pool;
    }

    /** The stream's snapshot, or null when it has none. */
    public Uni<Snapshot> read(String streamId) {
        return pool.preparedQuery("select version, encoding, state from es_snapshots where stream_id = $1")
                .execute(Tuple.of(streamId))
                .onItem()
                .transform(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Snapshot(row.getLong("version"), row.getString("encoding"), row.getString("state"));
                });
    }

    /**
     * Stores the snapshot unless one of a later version in the same encoding is there already (two replicas
     * may snapshot one stream); one of another encoding is replaced.
     */
    public Uni<Void> write(String streamId, Snapshot snapshot) {
        return pool.preparedQuery(
                        "insert into es_snapshots (stream_id, version, encoding, state) values ($1, $2, $3, $4)"
                                + " on conflict (stream_id) do update set version = excluded.version, encoding = excluded.encoding,"
                                + " state = excluded.state, taken_at = now()"
                                + " where es_snapshots.version < excluded.version or es_snapshots.encoding <> excluded.encoding")
                .execute(Tuple.of(streamId, snapshot.version(), snapshot.encoding(), snapshot.state()))
                .replaceWithVoid();
    }
}
