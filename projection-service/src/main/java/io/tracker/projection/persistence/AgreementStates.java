package io.tracker.projection.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementState;
import io.tracker.projection.domain.AgreementStateEntry;
import io.tracker.projection.domain.RecordedEvent;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Folds a batch's new negotiation events into their agreements' stored states ({@link AgreementState}: a head of
 * fixed shape in {@code agreement_summary.state}, one {@code agreement_fact} row per fact beside it) and writes each
 * agreement's list row, head and changed entries, in the transaction that inserts the facts, under a lock per
 * (generation, negotiation) that serialises every writer of a stream (live replicas, a rebuild's replay).
 * <p>
 * Round trips: the lock, the read of the heads and the read of the entries the batch's events concern (the targets
 * of its amendments, the other facts of its trade missions) are sent together with the caller's insert of the facts
 * ({@link #read}, pipelined: the reads run once the lock is held, so they see what the previous holder committed);
 * then the rows, heads and entries together with the caller's other statements. A second round trip happens only
 * for an agreement whose fold needs a next best (an amendment took away what decided something: its entries stored
 * first, then one indexed query per next best, {@link AgreementStateLookups}) or whose head is missing while the
 * stream has earlier facts, or stored in an encoding this version does not read (rows written by an older version:
 * then its facts are decoded and all its entries written). Those are counted apart.
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

    /**
     * The entries of the batch's amendment targets ($1-$3: generation, stream, version) and of the trade missions of
     * its facts ($4-$6: generation, stream, mission id) and of its targets; an entry may come twice.
     */
    private static final String READ_ENTRIES = "with t as (select * from unnest($1::int[], $2::text[], $3::bigint[])"
            + " as x(g, s, v)),"
            + " m as (select * from unnest($4::int[], $5::text[], $6::text[]) as y(g, s, k)"
            + "   union select e.generation, e.negotiation_id, e.mission_id from agreement_fact e join t"
            + "   on e.generation = t.g and e.negotiation_id = t.s and e.stream_version = t.v where e.mission_id is not null)"
            + " select " + prefixed("e") + " from agreement_fact e join t"
            + " on e.generation = t.g and e.negotiation_id = t.s and e.stream_version = t.v"
            + " union all select " + prefixed("e") + " from agreement_fact e join m"
            + " on e.generation = m.g and e.negotiation_id = m.s and e.mission_id = m.k";

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

    static final String UPSERT_ENTRIES = "insert into agreement_fact (" + AgreementStateColumns.ENTRY_COLUMNS
            + ") select * from unnest($1::int[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],"
            + " $7::date[], $8::date[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bigint[], $14::boolean[])"
            + " on conflict (generation, negotiation_id, stream_version) do update set"
            + " event_type = excluded.event_type, date_text = excluded.date_text, date_precision = excluded.date_precision,"
            + " date_earliest = excluded.date_earliest, date_latest = excluded.date_latest,"
            + " fact_status = excluded.fact_status, title = excluded.title, mission_id = excluded.mission_id,"
            + " parties = excluded.parties, corrected_by = excluded.corrected_by, retracted = excluded.retracted";

    private final FactRows rows = new FactRows();
    private final AgreementStateLookups nextBests = new AgreementStateLookups(this::entriesRead);
    private final AtomicLong fromState = new AtomicLong();
    private final AtomicLong fromStore = new AtomicLong();
    private final AtomicLong nextBest = new AtomicLong();
    private final AtomicLong entriesRead = new AtomicLong();
    private final AtomicLong entriesWritten = new AtomicLong();

    /** A negotiation stream in a generation. */
    record Key(int generation, String streamId) {}

    /**
     * What a batch's fold reads: the locks of its streams, their stored heads and the entries its events concern.
     * Sent before the batch knows which of its events its facts' insert really added (a redelivery adds none), so
     * for every negotiation stream of the batch ({@code candidates}: per stream, the batch's events): sent after the
     * facts' insert on the same connection, in one round trip with it, the reads run once the locks are held and
     * see the rows the insert added.
     */
    record Reads(RowSet<Row> states, RowSet<Row> entries) {}

    /** Sends the locks and the reads of {@link Reads} (pipelined: call it right after the facts' insert). */
    Uni<Reads> read(SqlConnection conn, Map<Key, List<RecordedEvent>> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(new Reads(null, null));
        }
        List<Key> keys = List.copyOf(candidates.keySet());
        Tuple params = Tuple.of(generations(keys), ids(keys));
        Uni<RowSet<Row>> lock = conn.preparedQuery(LOCK_STREAMS).execute(params);
        Uni<RowSet<Row>> read = conn.preparedQuery(READ_STATES).execute(params);
        Uni<RowSet<Row>> entries = conn.preparedQuery(READ_ENTRIES).execute(concerned(candidates));
        // all sent at once: PostgreSQL runs the reads after the lock is held (each a snapshot of its own)
        return Uni.combine()
                .all()
                .unis(lock, read, entries)
                .asTuple()
                .map(all -> new Reads(all.getItem2(), all.getItem3()));
    }

    /**
     * The states of the streams {@code added} names (per stream, the events this transaction inserted), read by
     * {@link #read} (which locked them), with those events folded in, ready for {@link #write}.
     */
    Uni<Map<Key, AgreementState>> fold(SqlConnection conn, Reads reads, Map<Key, List<RecordedEvent>> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<Key, Map<Long, AgreementStateEntry>> stored = byKey(reads.entries());
        Map<Key, AgreementState> states = new LinkedHashMap<>();
        List<Key> misses = new ArrayList<>();
        List<Key> lookups = new ArrayList<>();
        for (Row row : reads.states()) {
            Key key = new Key(row.getInteger(0), row.getString(1));
            List<RecordedEvent> batch = added.get(key);
            if (batch == null) {
                continue; // its events were all applied before (a redelivery): nothing to fold
            }
            AgreementState state = usable(key, row, batch.size());
            if (state == null) {
                misses.add(key);
                continue;
            }
            state.fold(batch, stored.getOrDefault(key, Map.of()));
            if (!state.needs().isEmpty()) {
                lookups.add(key);
            }
            states.put(key, state);
        }
        fromState.addAndGet(states.size());
        fromStore.addAndGet(misses.size());
        nextBest.addAndGet(lookups.size());
        if (misses.isEmpty() && lookups.isEmpty()) {
            return Uni.createFrom().item(states);
        }
        Uni<Map<Key, AgreementState>> loaded =
                misses.isEmpty() ? Uni.createFrom().item(Map.of()) : load(conn, misses);
        Map<Key, AgreementState> looking = new LinkedHashMap<>();
        lookups.forEach(key -> looking.put(key, states.get(key)));
        return Uni.combine()
                .all()
                .unis(loaded, nextBests.resolve(conn, looking))
                .asTuple()
                .map(both -> {
                    states.putAll(both.getItem1());
                    return states;
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
            LOG.warnf(
                    "the stored state of %s (generation %d) cannot be read (%s); folding it from its facts",
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

    /** The rows, heads and changed entries of these agreements, sent together. */
    Uni<Void> write(SqlConnection conn, Map<Key, AgreementState> states) {
        AgreementStateColumns.Summaries summaries = new AgreementStateColumns.Summaries();
        AgreementStateColumns.Entries entries = new AgreementStateColumns.Entries();
        states.forEach((key, state) -> {
            state.row().ifPresent(row -> summaries.add(key.generation(), row, AgreementStateCodec.encode(state)));
            state.touched().forEach(e -> entries.add(key.generation(), key.streamId(), e));
        });
        entriesWritten.addAndGet(entries.size());
        Uni<Integer> rowsWritten = summaries.isEmpty()
                ? Uni.createFrom().item(0)
                : conn.preparedQuery(UPSERT).execute(summaries.tuple()).map(RowSet::rowCount);
        Uni<Integer> entriesUpserted = entries.isEmpty()
                ? Uni.createFrom().item(0)
                : conn.preparedQuery(UPSERT_ENTRIES).execute(entries.tuple()).map(RowSet::rowCount);
        return Uni.combine().all().unis(rowsWritten, entriesUpserted).asTuple().replaceWithVoid();
    }

    /** How many agreements batches folded from their stored state (or a new stream's empty one). */
    long fromState() {
        return fromState.get();
    }

    /** How many agreements batches folded from the store's facts (no usable state). */
    long fromStore() {
        return fromStore.get();
    }

    /** Of {@link #fromState}, how many looked up a next best (an amendment took away what decided something). */
    long nextBest() {
        return nextBest.get();
    }

    /** How many entries ({@code agreement_fact} rows) batches read. */
    long entriesRead() {
        return entriesRead.get();
    }

    private void entriesRead(long n) {
        entriesRead.addAndGet(n);
    }

    /** How many entries batches wrote. */
    long entriesWritten() {
        return entriesWritten.get();
    }

    /** All the facts of these negotiations, from the store, folded: every entry is written. */
    private Uni<Map<Key, AgreementState>> load(SqlConnection conn, List<Key> keys) {
        return conn.preparedQuery(LOAD_NEGOTIATIONS)
                .execute(Tuple.of(generations(keys), ids(keys)))
                .map(result -> {
                    Map<Key, List<RecordedEvent>> histories = new LinkedHashMap<>();
                    for (Row row : result) {
                        Key key = new Key(row.getInteger(0), row.getString(2));
                        List<RecordedEvent> history = histories.computeIfAbsent(key, k -> new ArrayList<>());
                        rows.event(row, 1).ifPresent(history::add);
                    }
                    Map<Key, AgreementState> states = new LinkedHashMap<>();
                    histories.forEach((key, history) -> states.put(key, AgreementState.of(key.streamId(), history)));
                    return states;
                });
    }

    /** The parameters of {@link #READ_ENTRIES}: the batch's targets and trade missions, per stream. */
    private static Tuple concerned(Map<Key, List<RecordedEvent>> added) {
        List<Integer> tg = new ArrayList<>();
        List<String> ts = new ArrayList<>();
        List<Long> tv = new ArrayList<>();
        List<Integer> mg = new ArrayList<>();
        List<String> ms = new ArrayList<>();
        List<String> mk = new ArrayList<>();
        added.forEach((key, batch) -> {
            for (long v : AgreementState.targets(batch)) {
                tg.add(key.generation());
                ts.add(key.streamId());
                tv.add(v);
            }
            Set<String> missions = AgreementState.missionKeys(batch);
            for (String k : missions) {
                mg.add(key.generation());
                ms.add(key.streamId());
                mk.add(k);
            }
        });
        return Tuple.of(
                tg.toArray(Integer[]::new),
                ts.toArray(String[]::new),
                tv.toArray(Long[]::new),
                mg.toArray(Integer[]::new),
                ms.toArray(String[]::new),
                mk.toArray(String[]::new));
    }

    /** Entry rows by stream, each by version. */
    private Map<Key, Map<Long, AgreementStateEntry>> byKey(RowSet<Row> result) {
        Map<Key, Map<Long, AgreementStateEntry>> byKey = new HashMap<>();
        int n = 0;
        for (Row row : result) {
            AgreementStateEntry e = AgreementStateColumns.entry(row);
            byKey.computeIfAbsent(new Key(row.getInteger(0), row.getString(1)), k -> new HashMap<>())
                    .put(e.version(), e);
            n++;
        }
        entriesRead.addAndGet(n);
        return byKey;
    }

    static String prefixed(String alias) {
        return alias + "." + AgreementStateColumns.ENTRY_COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Integer[] generations(List<Key> keys) {
        return keys.stream().map(Key::generation).toArray(Integer[]::new);
    }

    private static String[] ids(List<Key> keys) {
        return keys.stream().map(Key::streamId).toArray(String[]::new);
    }
}
