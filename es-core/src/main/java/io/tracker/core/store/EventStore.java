package io.tracker.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The PostgreSQL event store. {@link #append} writes the events, the stream's new version and the command's
 * idempotency key in one transaction, together with the other appends waiting at the same moment
 * ({@link GroupCommit}), and wakes the relay once they committed. The relay publishes from {@code es_events}
 * itself, in commit order ({@link CommitOrder}).
 */
@ApplicationScoped
public class EventStore {
    public static final String NOTIFY_CHANNEL = "es_outbox";
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * The whole append as one statement, so one round trip and no transaction held open between statements:
     * {@code claim} moves the stream's version ({@code %s}: one of the three claims below) and yields the
     * version before it, or no row when the stream is not at the expected version, in which case nothing else
     * is written; then the events (versions claim + 1.., global positions in version order) and the command's
     * idempotency key. {@code $15}: the W3C traceparent of the command's span (null when tracing is off), stored
     * with each event for the relay to send as a record header. Used for an append alone; a group goes in one
     * statement of its own ({@link GroupAppend}).
     */
    private static final String APPEND = """
            with claim as (
              %s
            ), ins as (
              insert into es_events (stream_id, stream_type, version, event_id, event_type, schema_version, payload,
                                     occurred_on, correlation_id, causation_id, actor, idempotency_key, traceparent)
              select $1, $2, claim.base + x.i, x.id, x.t, x.sv, x.p::jsonb, x.o, $3, $4, $5, $6, $15
              from claim, unnest($8::uuid[], $9::text[], $10::int[], $11::text[], $12::text[])
                   with ordinality as x(id, t, sv, p, o, i)
              order by x.i
              returning global_position, event_id, version, event_type
            ), idempotency as (
              insert into es_idempotency (idempotency_key, request_hash, stream_id, first_version, last_version)
              select $6, $13, $1, min(version), max(version) from ins where $6::text is not null having count(*) > 0
            )
            select global_position, event_id, version, event_type from ins order by version
            """;
    /** The stream must be at version $14. */
    private static final String CLAIM_EXPECTED = "update es_streams set version = version + $7, updated_at = now()"
            + " where stream_id = $1 and version = $14 returning version - $7 as base";
    /** The stream must not exist ($14 is 0; each claim names $14, so the three statements take one parameter list). */
    private static final String CLAIM_NEW = "insert into es_streams (stream_id, stream_type, version)"
            + " select $1, $2, $7 where $14::bigint = 0 on conflict (stream_id) do nothing returning version - $7 as base";
    /** Any version ($14 is -1). */
    private static final String CLAIM_ANY = "insert into es_streams (stream_id, stream_type, version)"
            + " select $1, $2, $7 where $14::bigint = -1 on conflict (stream_id) do update"
            + " set version = es_streams.version + excluded.version, updated_at = now() returning version - $7 as base";

    static final String APPEND_EXPECTED = APPEND.formatted(CLAIM_EXPECTED);
    static final String APPEND_NEW = APPEND.formatted(CLAIM_NEW);
    static final String APPEND_ANY = APPEND.formatted(CLAIM_ANY);
    private static final String NOTIFY = "select pg_notify('" + NOTIFY_CHANNEL + "', '')";

    private final Pool pool;
    private final GroupCommit groups;
    /** A wake-up notification is on its way; {@link #notifyAgain}: another append committed meanwhile. */
    private final AtomicBoolean notifying = new AtomicBoolean();

    private final AtomicBoolean notifyAgain = new AtomicBoolean();
    /** Wakes the relay of this replica when it is the one that publishes (true); see {@link #wakeUpLocally}. */
    private volatile BooleanSupplier localRelay = () -> false;

    /**
     * @param maxGroupCommands {@code tracker.event-store.max-group-commands}: appends written together at most
     * @param maxGroupEvents {@code tracker.event-store.max-group-events}: their events at most (a larger append
     *        goes alone)
     */
    public EventStore(
            Pool pool,
            @ConfigProperty(name = "tracker.event-store.max-group-commands", defaultValue = "64") int maxGroupCommands,
            @ConfigProperty(name = "tracker.event-store.max-group-events", defaultValue = "1000") int maxGroupEvents,
            MeterRegistry registry) {
        this.pool = pool;
        this.groups = new GroupCommit(
                pool,
                maxGroupCommands,
                maxGroupEvents,
                this::appendOnce,
                this::conflict,
                DistributionSummary.builder("tracker.event.store.group.commands")
                        .description("appends written to PostgreSQL together, per group commit")
                        .register(registry));
    }

    /**
     * Appends atomically. Fails with {@link WrongExpectedVersionException} when the stream is not at
     * {@code expectedVersion}; with a known idempotency key it appends nothing and returns the first result
     * ({@code replayed}), or fails with {@link IdempotencyKeyReusedException} if the request differs.
     */
    public Uni<CommandResult> append(AppendRequest request) {
        String key = request.context().idempotencyKey();
        // an append at any version goes alone: inside a group, whose transaction id is taken by its first claim, a
        // claim that waited for another writer of the stream and then appended after it would put the stream's
        // versions out of commit order (which is the order of publication); see ExpectedVersion.ANY
        Uni<CommandResult> write = (request.expectedVersion() == ExpectedVersion.ANY
                        ? appendOnce(request)
                        : groups.submit(request))
                .invoke(committed -> wakeRelay());
        if (key == null) {
            return write;
        }
        // a retry of an accepted command fails on the version check or on the key's primary key (a concurrent
        // retry committed first); either way the first result is the answer
        return write.onFailure(t -> t instanceof WrongExpectedVersionException || isUniqueViolationOnKey(t))
                .recoverWithUni(
                        failure -> findByIdempotencyKey(key, request.context().requestHash())
                                .onItem()
                                .ifNull()
                                .failWith(failure));
    }

    /**
     * How an append wakes the relay when this replica publishes: {@code relayHere} wakes it in this JVM and
     * answers true, or answers false when it does not publish (then the append's commit is announced by a NOTIFY,
     * for whichever replica does). Set by the outbox relay at start.
     */
    public void wakeUpLocally(BooleanSupplier relayHere) {
        this.localRelay = relayHere == null ? () -> false : relayHere;
    }

    /** Appends waiting for the next group commit (for tests). */
    int waitingForGroup() {
        return groups.waiting();
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
            ids[i] = EventIds.next();
            types[i] = e.type();
            schemaVersions[i] = e.schemaVersion();
            payloads[i] = e.json();
            occurred[i] = e.occurredOn();
        }
        CommandContext c = r.context();
        long expected = r.expectedVersion();
        String sql = expected == ExpectedVersion.NO_STREAM
                ? APPEND_NEW
                : expected == ExpectedVersion.ANY ? APPEND_ANY : APPEND_EXPECTED;
        Tuple params = Tuple.tuple(Arrays.asList(
                r.streamId(),
                r.streamType(),
                c.correlationId(),
                c.causationId(),
                c.actor(),
                c.idempotencyKey(),
                (long) n,
                ids,
                types,
                schemaVersions,
                payloads,
                occurred,
                c.requestHash(),
                expected,
                r.traceparent()));
        return pool.preparedQuery(sql).execute(params).onItem().transformToUni(rows -> {
            if (rows.rowCount() == n) {
                List<AppendedEvent> events = appended(rows);
                return Uni.createFrom()
                        .item(new CommandResult(r.streamId(), events.get(n - 1).version(), events, false));
            }
            return conflict(r);
        });
    }

    /** An append that claimed nothing: the stream is not at the expected version (or the key was known). */
    private Uni<CommandResult> conflict(AppendRequest r) {
        return streamVersion(r.streamId()).onItem().transform(current -> {
            throw new WrongExpectedVersionException(r.streamId(), r.expectedVersion(), current);
        });
    }

    /**
     * Wakes the outbox relay once an append committed. When this replica publishes, in this JVM: no statement at
     * all. Otherwise (another replica holds the relay's lock) a NOTIFY in a transaction of its own, at most one at a
     * time, and one more after the last append that committed while one was on its way. Not inside the append's
     * transaction: PostgreSQL serialises the commits of all transactions that NOTIFY, cluster-wide, on one lock
     * held through the commit's WAL flush, so appends that notified could not share a flush (docs/BENCHMARKS.md).
     */
    private void wakeRelay() {
        if (localRelay.getAsBoolean()) {
            return;
        }
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
        return conn.preparedQuery("select version from es_streams where stream_id = $1")
                .execute(Tuple.of(streamId))
                .onItem()
                .transform(rows ->
                        rows.rowCount() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    private static List<AppendedEvent> appended(RowSet<Row> rows) {
        List<AppendedEvent> events = new ArrayList<>(rows.rowCount());
        for (Row row : rows) {
            events.add(new AppendedEvent(
                    row.getUUID("event_id"),
                    row.getLong("version"),
                    row.getLong("global_position"),
                    row.getString("event_type")));
        }
        return events;
    }

    private static boolean isUniqueViolationOnKey(Throwable t) {
        return t instanceof PgException pg
                && UNIQUE_VIOLATION.equals(pg.getSqlState())
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
                .onItem()
                .transform(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row first = rows.iterator().next();
                    String storedHash = first.getString("request_hash");
                    if (storedHash != null && requestHash != null && !storedHash.equals(requestHash)) {
                        throw new IdempotencyKeyReusedException(key);
                    }
                    List<AppendedEvent> events = appended(rows);
                    return new CommandResult(
                            first.getString("stream_id"),
                            events.get(events.size() - 1).version(),
                            events,
                            true);
                });
    }

    /** All events of one stream in version order (empty when the stream does not exist). */
    public Uni<List<StoredEvent>> readStream(String streamId) {
        return readStream(streamId, 0);
    }

    /** The events of one stream after {@code afterVersion}, in version order. */
    public Uni<List<StoredEvent>> readStream(String streamId, long afterVersion) {
        return pool.preparedQuery("select " + StoredEvent.COLUMNS
                        + " from es_events where stream_id = $1 and version > $2" + " order by version")
                .execute(Tuple.of(streamId, afterVersion))
                .onItem()
                .transform(EventStore::stored);
    }

    /** The stream's current version, 0 when it does not exist. */
    public Uni<Long> streamVersion(String streamId) {
        return pool.withConnection(conn -> currentVersion(conn, streamId));
    }

    /**
     * The next page of the whole log in commit order. Only transactions that can no longer be followed by an
     * earlier-numbered commit are read (those below the oldest transaction of this database still running:
     * {@link CommitOrder#HORIZON}), so a reader that pages with the returned checkpoint never skips an event,
     * whatever the concurrency of the writers.
     */
    public Uni<CatchUpPage> readAll(Checkpoint after, int limit) {
        return pool.preparedQuery("select " + StoredEvent.COLUMNS + " from es_events"
                        + " where (transaction_id, global_position) > ($1::text::xid8, $2)"
                        + " and " + CommitOrder.isFinal("es_events.transaction_id")
                        // qualified, so that it never means an output column (see StoredEvent.COLUMNS)
                        + " order by es_events.transaction_id, es_events.global_position limit $3")
                .execute(Tuple.of(Long.toString(after.transactionId()), after.position(), limit))
                .onItem()
                .transform(rows -> {
                    List<StoredEvent> events = stored(rows);
                    if (events.isEmpty()) {
                        return new CatchUpPage(events, after);
                    }
                    StoredEvent last = events.get(events.size() - 1);
                    return new CatchUpPage(
                            events, new Checkpoint(Long.parseLong(last.transactionId()), last.position()));
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
