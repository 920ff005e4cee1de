package io.tracker.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.tracker.core.application.AppendedEvent;
import io.tracker.core.application.CommandContext;
import io.tracker.core.application.CommandResult;
import io.tracker.core.messaging.EncodedEvent;
import io.tracker.core.tracing.Traceparents;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The PostgreSQL event store. {@link #append} writes the events, their outbox rows, the stream's new version
 * and the command's idempotency key in one transaction, and wakes the outbox relay once it committed.
 */
@ApplicationScoped
public class EventStore {
    public static final String NOTIFY_CHANNEL = "es_outbox";
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The whole append as one statement, so one round trip and no transaction held open between statements:
     * {@code claim} moves the stream's version ({@code %s}: one of the three claims below) and yields the
     * version before it, or no row when the stream is not at the expected version, in which case nothing else
     * is written; then the events (versions claim + 1.., global positions in version order), their outbox rows
     * and the command's idempotency key. {@code $16}: the W3C traceparent of the command's span (null when
     * tracing is off), stored with each event for the relay to send as a record header.
     */
    private static final String APPEND = """
            with claim as (
              %s
            ), ins as (
              insert into es_events (stream_id, stream_type, version, event_id, event_type, schema_version, payload,
                                     occurred_on, correlation_id, causation_id, actor, idempotency_key, traceparent)
              select $1, $2, claim.base + x.i, x.id, x.t, x.sv, x.p::jsonb, x.o, $3, $4, $5, $6, $16
              from claim, unnest($8::uuid[], $9::text[], $10::int[], $11::text[], $12::text[])
                   with ordinality as x(id, t, sv, p, o, i)
              order by x.i
              returning global_position, event_id, version, event_type
            ), outbox as (
              insert into es_outbox (global_position, topic) select global_position, $13 from ins order by global_position
            ), idempotency as (
              insert into es_idempotency (idempotency_key, request_hash, stream_id, first_version, last_version)
              select $6, $14, $1, min(version), max(version) from ins where $6::text is not null having count(*) > 0
            )
            select global_position, event_id, version, event_type from ins order by version
            """;
    /** The stream must be at version $15. */
    private static final String CLAIM_EXPECTED = "update es_streams set version = version + $7, updated_at = now()"
            + " where stream_id = $1 and version = $15 returning version - $7 as base";
    /** The stream must not exist ($15 is 0; each claim names $15, so the three statements take one parameter list). */
    private static final String CLAIM_NEW = "insert into es_streams (stream_id, stream_type, version)"
            + " select $1, $2, $7 where $15::bigint = 0 on conflict (stream_id) do nothing returning version - $7 as base";
    /** Any version ($15 is -1). */
    private static final String CLAIM_ANY = "insert into es_streams (stream_id, stream_type, version)"
            + " select $1, $2, $7 where $15::bigint = -1 on conflict (stream_id) do update"
            + " set version = es_streams.version + excluded.version, updated_at = now() returning version - $7 as base";
    private static final String APPEND_EXPECTED = APPEND.formatted(CLAIM_EXPECTED);
    private static final String APPEND_NEW = APPEND.formatted(CLAIM_NEW);
    private static final String APPEND_ANY = APPEND.formatted(CLAIM_ANY);
    private static final String NOTIFY = "select pg_notify('" + NOTIFY_CHANNEL + "', '')";

    private final Pool pool;
    private final String topic;
    /** A wake-up notification is on its way; {@link #notifyAgain}: another append committed meanwhile. */
    private final AtomicBoolean notifying = new AtomicBoolean();
    private final AtomicBoolean notifyAgain = new AtomicBoolean();

    public EventStore(Pool pool, @ConfigProperty(name = "tracker.outbox.topic") String topic) {
        this.pool = pool;
        this.topic = topic;
    }

    /**
     * Appends atomically. Fails with {@link WrongExpectedVersionException} when the stream is not at
     * {@code expectedVersion}; with a known idempotency key it appends nothing and returns the first result
     * ({@code replayed}), or fails with {@link IdempotencyKeyReusedException} if the request differs.
     */
    public Uni<CommandResult> append(AppendRequest request) {
        String key = request.context().idempotencyKey();
        Uni<CommandResult> write = appendOnce(request).invoke(committed -> wakeRelay());
        if (key == null) {
            return write;
        }
        // a retry of an accepted command fails on the version check or on the key's primary key (a concurrent
        // retry committed first); either way the first result is the answer
        return write.onFailure(t -> t instanceof WrongExpectedVersionException || isUniqueViolationOnKey(t))
                .recoverWithUni(failure -> findByIdempotencyKey(key, request.context().requestHash())
                        .onItem().ifNull().failWith(failure));
    }

    private Uni<CommandResult> appendOnce(AppendRequest r) {
        int n = r.events().size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] payloads = new String[n];
        String[] occurred = new String[n];
        for (int i = 0; i < n; i++) {
            EncodedEvent e = r.events().get(i);
            ids[i] = UUID.randomUUID();
            types[i] = e.type();
            schemaVersions[i] = e.schemaVersion();
            payloads[i] = e.json();
            occurred[i] = e.occurredOn();
        }
        CommandContext c = r.context();
        long expected = r.expectedVersion();
        String sql = expected == ExpectedVersion.NO_STREAM ? APPEND_NEW : expected == ExpectedVersion.ANY ? APPEND_ANY
                : APPEND_EXPECTED;
        Tuple params = Tuple.tuple(Arrays.asList(r.streamId(), r.streamType(), c.correlationId(), c.causationId(),
                c.actor(), c.idempotencyKey(), (long) n, ids, types, schemaVersions, payloads, occurred, topic,
                c.requestHash(), expected, Traceparents.current()));
        return pool.preparedQuery(sql).execute(params).onItem().transformToUni(rows -> {
            if (rows.rowCount() == n) {
                List<AppendedEvent> events = appended(rows);
                return Uni.createFrom().item(new CommandResult(r.streamId(), events.get(n - 1).version(), events, false));
            }
            return streamVersion(r.streamId()).onItem().transform(current -> {
                throw new WrongExpectedVersionException(r.streamId(), expected, current);
            });
        });
    }

    /**
     * Wakes the outbox relay (in whichever replica holds it) once an append committed: a NOTIFY in a transaction
     * of its own, at most one at a time, and one more after the last append that committed while one was on its
     * way. Not inside the append's transaction: PostgreSQL serialises the commits of all transactions that
     * NOTIFY, cluster-wide, on one lock held through the commit's WAL flush, so appends that notified could not
     * share a flush (docs/BENCHMARKS.md).
     */
    private void wakeRelay() {
        notifyAgain.set(true);
        if (notifying.compareAndSet(false, true)) {
            sendWakeUp();
        }
    }

    private void sendWakeUp() {
        notifyAgain.set(false);
        pool.query(NOTIFY).execute().subscribe().with(rows -> wakeUpSent(), failure -> wakeUpSent());
    }

    private void wakeUpSent() {
        notifying.set(false);
        if (notifyAgain.get() && notifying.compareAndSet(false, true)) {
            sendWakeUp();
        }
    }

    private static Uni<Long> currentVersion(SqlConnection conn, String streamId) {
        return conn.preparedQuery("select version from es_streams where stream_id = $1").execute(Tuple.of(streamId))
                .onItem().transform(rows -> rows.rowCount() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    private static List<AppendedEvent> appended(RowSet<Row> rows) {
        List<AppendedEvent> events = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            events.add(new AppendedEvent(row.getUUID("event_id"), row.getLong("version"), row.getLong("global_position"),
                    row.getString("event_type")));
        }
        return events;
    }

    private static boolean isUniqueViolationOnKey(Throwable t) {
        return t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && "es_idempotency_pkey".equals(pg.getConstraint());
    }

    /**
     * The result of the command first accepted with this key, or null when the key is new. A key reused
     * with a different {@code requestHash} fails with {@link IdempotencyKeyReusedException}.
     */
    public Uni<CommandResult> findByIdempotencyKey(String key, String requestHash) {
        return pool.preparedQuery("select i.request_hash, i.stream_id, e.version, e.event_id, e.global_position,"
                + " e.event_type from es_idempotency i join es_events e on e.stream_id = i.stream_id"
                + " and e.version between i.first_version and i.last_version where i.idempotency_key = $1"
                + " order by e.version")
                .execute(Tuple.of(key))
                .onItem().transform(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row first = rows.iterator().next();
                    String storedHash = first.getString("request_hash");
                    if (storedHash != null && requestHash != null && !storedHash.equals(requestHash)) {
                        throw new IdempotencyKeyReusedException(key);
                    }
                    List<AppendedEvent> events = appended(rows);
                    return new CommandResult(first.getString("stream_id"), events.get(events.size() - 1).version(),
                            events, true);
                });
    }

    /** All events of one stream in version order (empty when the stream does not exist). */
    public Uni<List<StoredEvent>> readStream(String streamId) {
        return readStream(streamId, 0);
    }

    /** The events of one stream after {@code afterVersion}, in version order. */
    public Uni<List<StoredEvent>> readStream(String streamId, long afterVersion) {
        return pool.preparedQuery("select " + StoredEvent.COLUMNS + " from es_events where stream_id = $1 and version > $2"
                + " order by version")
                .execute(Tuple.of(streamId, afterVersion))
                .onItem().transform(EventStore::stored);
    }

    /** The stream's current version, 0 when it does not exist. */
    public Uni<Long> streamVersion(String streamId) {
        return pool.withConnection(conn -> currentVersion(conn, streamId));
    }

    /**
     * The next page of the whole log in commit order. Only transactions that can no longer be followed by an
     * earlier-numbered commit are read (those below the oldest transaction still running), so a reader that
     * pages with the returned checkpoint never skips an event, whatever the concurrency of the writers.
     */
    public Uni<CatchUpPage> readAll(Checkpoint after, int limit) {
        return pool.preparedQuery("select " + StoredEvent.COLUMNS + " from es_events"
                + " where (transaction_id, global_position) > ($1::text::xid8, $2)"
                + " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
                + " order by transaction_id, global_position limit $3")
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit))
                .onItem().transform(rows -> {
                    List<StoredEvent> events = stored(rows);
                    if (events.isEmpty()) {
                        return new CatchUpPage(events, after);
                    }
                    StoredEvent last = events.get(events.size() - 1);
                    return new CatchUpPage(events, new Checkpoint(Long.parseLong(last.transactionId()), last.position()));
                });
    }

    static List<StoredEvent> stored(RowSet<Row> rows) {
        List<StoredEvent> events = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            events.add(StoredEvent.from(row, 0));
        }
        return events;
    }
}
