package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Folds a batch's new negotiation events into their agreements' stored states ({@link AgreementState}, kept in
 * {@code agreement_summary.state}) and writes each agreement's list row and state in one statement, in the
 * transaction that inserts the facts, under a lock per (generation, negotiation) that serialises every writer of a
 * stream (live replicas, a rebuild's replay).
 * <p>
 * Round trips: the lock and the read of the states are sent together (pipelined: the read runs once the lock is
 * held, so it sees the state the previous holder committed), then the rows and states together with the caller's
 * other statements. A state is read from the store's facts instead (decoding the stream's history) only when it is
 * missing while the stream has earlier facts, or stored in an encoding this version does not read: rows written
 * before states existed, a generation resumed from an older version. Those are counted apart.
 */
final class AgreementStates {
    private static final Logger LOG = Logger.getLogger(AgreementStates.class);

    static final String LOCK_STREAMS = """
            select count(pg_advisory_xact_lock(k)) from (
              select distinct hashtextextended(g::text || ':' || s, 0) as k
              from unnest($1::int[], $2::text[]) as x(g, s) order by k) as keys
            """;

    /** Per stream: its stored state, or (no row yet) how many fact rows the stream has, this batch's included. */
    private static final String READ_STATES = """
            select x.g, x.s, a.state_encoding, a.state, a.negotiation_id is not null,
                   case when a.negotiation_id is null then (select count(*) from fact f where f.generation = x.g
                     and f.stream_type = 'negotiation' and f.stream_id = x.s) end
            from unnest($1::int[], $2::text[]) as x(g, s)
            left join agreement_summary a on a.generation = x.g and a.negotiation_id = x.s
            """;

    private static final String LOAD_NEGOTIATIONS = "select generation, " + FactRows.COLUMNS + " from fact"
            + " where stream_type = 'negotiation' and (generation, stream_id) in"
            + " (select g, s from unnest($1::int[], $2::text[]) as x(g, s))"
            + " order by generation, stream_id, stream_version";

    private static final String UPSERT = """
            insert into agreement_summary (generation, negotiation_id, title, parties, stage, last_milestone,
                                           last_milestone_kind, last_milestone_date, pending_milestones, binding,
                                           last_version, last_recorded_at, state_encoding, state, updated_at)
            select *, now() from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                   $7::text[], $8::text[], $9::int[], $10::boolean[], $11::bigint[], $12::timestamptz[],
                                   $13::smallint[], $14::bytea[])
            on conflict (generation, negotiation_id) do update set
              title = excluded.title, parties = excluded.parties, stage = excluded.stage,
              last_milestone = excluded.last_milestone, last_milestone_kind = excluded.last_milestone_kind,
              last_milestone_date = excluded.last_milestone_date, pending_milestones = excluded.pending_milestones,
              binding = excluded.binding, last_version = excluded.last_version,
              last_recorded_at = excluded.last_recorded_at, state_encoding = excluded.state_encoding,
              state = excluded.state, updated_at = now()
            """;

    private final FactRows rows = new FactRows();
    private final AtomicLong fromState = new AtomicLong();
    private final AtomicLong fromStore = new AtomicLong();

    /** A negotiation stream in a generation. */
    record Key(int generation, String streamId) {
    }

    /**
     * Locks the streams and answers their states with {@code added} (per stream, the events this transaction
     * inserted) folded in, ready for {@link #write}.
     */
    Uni<Map<Key, AgreementState>> fold(SqlConnection conn, Map<Key, List<RecordedEvent>> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Key> keys = List.copyOf(added.keySet());
        Tuple params = Tuple.of(generations(keys), ids(keys));
        Uni<RowSet<Row>> lock = conn.preparedQuery(LOCK_STREAMS).execute(params);
        Uni<RowSet<Row>> read = conn.preparedQuery(READ_STATES).execute(params);
        // both sent at once: PostgreSQL runs the read after the lock is held (a snapshot of its own)
        return Uni.combine().all().unis(lock, read).asTuple().chain(both -> {
            Map<Key, AgreementState> states = new LinkedHashMap<>();
            List<Key> misses = new ArrayList<>();
            for (Row row : both.getItem2()) {
                Key key = new Key(row.getInteger(0), row.getString(1));
                List<RecordedEvent> batch = added.get(key);
                AgreementState state = usable(key, row, batch.size());
                if (state == null) {
                    misses.add(key);
                    continue;
                }
                batch.stream().sorted(Comparator.comparingLong(RecordedEvent::version)).forEach(state::apply);
                states.put(key, state);
            }
            fromState.addAndGet(states.size());
            fromStore.addAndGet(misses.size());
            if (misses.isEmpty()) {
                return Uni.createFrom().item(states);
            }
            return load(conn, misses).map(loaded -> {
                states.putAll(loaded);
                return states;
            });
        });
    }

    /** The state to fold the batch into, or null when it must be folded from the store's facts. */
    private static AgreementState usable(Key key, Row row, int batchEvents) {
        if (!row.getBoolean(4)) {
            // no row yet: a new stream, unless it has facts this transaction did not insert
            return row.getLong(5) == batchEvents ? AgreementState.empty(key.streamId()) : null;
        }
        Short encoding = row.getShort(2);
        if (encoding == null || encoding != AgreementStateCodec.ENCODING) {
            return null;
        }
        try {
            return AgreementStateCodec.decode(key.streamId(), row.getBuffer(3).getBytes());
        } catch (RuntimeException e) {
            LOG.warnf("the stored state of %s (generation %d) cannot be read (%s); folding it from its facts",
                    key.streamId(), key.generation(), e.getMessage());
            return null;
        }
    }

    /**
     * Locks the streams and folds their states from all their facts in the store (a rebuild's last pass over
     * streams without a usable state).
     */
    Uni<Map<Key, AgreementState>> foldFromStore(SqlConnection conn, List<Key> keys) {
        Tuple params = Tuple.of(generations(keys), ids(keys));
        return conn.preparedQuery(LOCK_STREAMS).execute(params).chain(() -> load(conn, keys));
    }

    /** The rows and states of these agreements. */
    Uni<Void> write(SqlConnection conn, Map<Key, AgreementState> states) {
        SummaryColumns columns = new SummaryColumns();
        states.forEach((key, state) -> state.status().ifPresent(status -> columns.add(key.generation(), status,
                AgreementStateCodec.encode(state))));
        if (columns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(UPSERT).execute(columns.tuple()).replaceWithVoid();
    }

    /** How many agreements batches folded from their stored state (or a new stream's empty one). */
    long fromState() {
        return fromState.get();
    }

    /** How many agreements batches folded from the store's facts (no usable state). */
    long fromStore() {
        return fromStore.get();
    }

    /** All the facts of these negotiations, from the store, folded. */
    private Uni<Map<Key, AgreementState>> load(SqlConnection conn, List<Key> keys) {
        return conn.preparedQuery(LOAD_NEGOTIATIONS).execute(Tuple.of(generations(keys), ids(keys))).map(result -> {
            Map<Key, AgreementState> states = new LinkedHashMap<>();
            for (Row row : result) {
                Key key = new Key(row.getInteger(0), row.getString(2));
                AgreementState state = states.computeIfAbsent(key, k -> AgreementState.empty(k.streamId()));
                rows.event(row, 1).ifPresent(state::apply);
            }
            return states;
        });
    }

    private static Integer[] generations(List<Key> keys) {
        return keys.stream().map(Key::generation).toArray(Integer[]::new);
    }

    private static String[] ids(List<Key> keys) {
        return keys.stream().map(Key::streamId).toArray(String[]::new);
    }

    /** The agreement_summary columns, one array each, for an unnest insert. */
    private static final class SummaryColumns {
        private final List<Integer> generations = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private final List<String> titles = new ArrayList<>();
        private final List<String> parties = new ArrayList<>();
        private final List<String> stages = new ArrayList<>();
        private final List<String> milestones = new ArrayList<>();
        private final List<String> milestoneKinds = new ArrayList<>();
        private final List<String> milestoneDates = new ArrayList<>();
        private final List<Integer> pending = new ArrayList<>();
        private final List<Boolean> binding = new ArrayList<>();
        private final List<Long> versions = new ArrayList<>();
        private final List<OffsetDateTime> recordedAt = new ArrayList<>();
        private final List<Short> encodings = new ArrayList<>();
        private final List<io.vertx.core.buffer.Buffer> states = new ArrayList<>();

        void add(int generation, AgreementStatus s, byte[] state) {
            Milestone last = s.lastMilestone();
            Instant lastRecorded = s.basis().lastRecordedAt();
            generations.add(generation);
            ids.add(s.agreementId());
            titles.add(s.title());
            parties.add(String.join(",", s.parties()));
            stages.add(s.stage() == null ? null : s.stage().name());
            milestones.add(last == null ? null : last.summary());
            milestoneKinds.add(last == null ? null : last.milestone().name());
            milestoneDates.add(last == null || last.date() == null ? null : last.date().text());
            pending.add(s.milestonesPending().size());
            binding.add(s.binding());
            versions.add(s.basis().lastVersion());
            recordedAt.add(lastRecorded == null ? null : lastRecorded.atOffset(ZoneOffset.UTC));
            encodings.add(AgreementStateCodec.ENCODING);
            states.add(io.vertx.core.buffer.Buffer.buffer(state));
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        Tuple tuple() {
            return Tuple.tuple(Arrays.asList(generations.toArray(Integer[]::new), ids.toArray(String[]::new),
                    titles.toArray(String[]::new), parties.toArray(String[]::new), stages.toArray(String[]::new),
                    milestones.toArray(String[]::new), milestoneKinds.toArray(String[]::new),
                    milestoneDates.toArray(String[]::new), pending.toArray(Integer[]::new),
                    binding.toArray(Boolean[]::new), versions.toArray(Long[]::new),
                    recordedAt.toArray(OffsetDateTime[]::new), encodings.toArray(Short[]::new),
                    states.toArray(io.vertx.core.buffer.Buffer[]::new)));
        }
    }
}
