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

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.persistence.KeptFacts.Entry;
import io.tracker.projection.persistence.KeptFacts.Key;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the agreement list's rows ({@code agreement_summary}), each computed from all the facts of its
 * negotiation, under a lock per (generation, negotiation) that serialises live and rebuild writers.
 * <p>
 * A live batch takes the facts of the active generation's recently changed negotiations from {@link KeptFacts}
 * when the store confirms them (row count and last version, under the lock), and reads the others from the store.
 */
final class AgreementSummaries {
    private static final String LOCK_STREAMS = """
            select count(pg_advisory_xact_lock(k)) from (
              select distinct hashtextextended(g::text || ':' || s, 0) as k
              from unnest($1::int[], $2::text[]) as x(g, s) order by k) as keys
            """;

    private static final String LOAD_NEGOTIATIONS = "select generation, " + FactRows.COLUMNS + " from fact"
            + " where stream_type = 'negotiation' and (generation, stream_id) in"
            + " (select g, s from unnest($1::int[], $2::text[]) as x(g, s))"
            + " order by generation, stream_id, stream_version";

    private static final String COUNT_STREAMS = "select stream_id, count(*), max(stream_version) from fact"
            + " where generation = $1 and stream_type = 'negotiation' and stream_id = any($2) group by stream_id";

    private static final String UPSERT_SUMMARIES = """
            insert into agreement_summary (generation, negotiation_id, title, parties, stage, last_milestone,
                                           last_milestone_kind, last_milestone_date, pending_milestones, binding,
                                           last_version, last_recorded_at, updated_at)
            select * , now() from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                   $7::text[], $8::text[], $9::int[], $10::boolean[], $11::bigint[], $12::timestamptz[])
            on conflict (generation, negotiation_id) do update set
              title = excluded.title, parties = excluded.parties, stage = excluded.stage,
              last_milestone = excluded.last_milestone, last_milestone_kind = excluded.last_milestone_kind,
              last_milestone_date = excluded.last_milestone_date, pending_milestones = excluded.pending_milestones,
              binding = excluded.binding, last_version = excluded.last_version,
              last_recorded_at = excluded.last_recorded_at, updated_at = now()
            """;

    private final FactRows rows = new FactRows();
    private final KeptFacts kept;
    private final AtomicLong fromKept = new AtomicLong();
    private final AtomicLong fromStore = new AtomicLong();

    AgreementSummaries(KeptFacts kept) {
        this.kept = kept;
    }

    /** Recomputes the rows of these negotiations from all their facts in the store. */
    Uni<Void> fromStore(SqlConnection conn, List<Key> keys) {
        return lock(conn, keys).chain(() -> load(conn, keys)).chain(facts -> upsert(conn, facts));
    }

    /**
     * Recomputes the rows of the negotiations a live batch changed; {@code added} holds, per (generation,
     * negotiation), the events the batch inserted. Answers the facts of the active generation's negotiations as
     * they will be once the transaction commits: keep them ({@link #keep}) only then.
     */
    Uni<Map<Key, Entry>> refresh(SqlConnection conn, int activeGeneration, Map<Key, List<RecordedEvent>> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().item(Map.of()); // no negotiation changed (an investment batch, redeliveries)
        }
        List<Key> keys = List.copyOf(added.keySet());
        Map<Key, Entry> candidates = new LinkedHashMap<>();
        for (Key key : keys) {
            Entry entry = key.generation() == activeGeneration ? kept.get(key) : null;
            if (entry != null) {
                candidates.put(key, entry);
            }
        }
        return lock(conn, keys)
                .chain(() -> confirmed(conn, activeGeneration, candidates, added))
                .chain(facts -> {
                    List<Key> misses = keys.stream().filter(k -> !facts.containsKey(k)).toList();
                    fromKept.addAndGet(facts.size());
                    fromStore.addAndGet(misses.size());
                    return (misses.isEmpty() ? Uni.createFrom().item(Map.<Key, Entry>of()) : load(conn, misses))
                            .map(loaded -> {
                                facts.putAll(loaded);
                                return facts;
                            });
                })
                .call(facts -> upsert(conn, facts))
                .map(facts -> {
                    Map<Key, Entry> active = new LinkedHashMap<>();
                    facts.forEach((k, e) -> {
                        if (k.generation() == activeGeneration) {
                            active.put(k, e);
                        }
                    });
                    return active;
                });
    }

    /** How many rows live batches computed from kept facts (and their own events). */
    long fromKept() {
        return fromKept.get();
    }

    /** How many rows live batches computed from facts read from the store. */
    long fromStore() {
        return fromStore.get();
    }

    KeptFacts kept() {
        return kept;
    }

    /** Keeps the facts {@link #refresh} answered, once its transaction has committed. */
    void keep(Map<Key, Entry> facts) {
        facts.forEach(kept::put);
    }

    /**
     * The kept entries the store confirms, with the batch's events added: the store has exactly the kept rows
     * plus the batch's (their count and last version match).
     */
    private static Uni<Map<Key, Entry>> confirmed(SqlConnection conn, int generation, Map<Key, Entry> candidates,
            Map<Key, List<RecordedEvent>> added) {
        Map<Key, Entry> confirmed = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(confirmed);
        }
        String[] ids = candidates.keySet().stream().map(Key::streamId).toArray(String[]::new);
        return conn.preparedQuery(COUNT_STREAMS).execute(Tuple.of(generation, ids)).map(result -> {
            for (Row row : result) {
                Key key = new Key(generation, row.getString(0));
                Entry entry = candidates.get(key);
                List<RecordedEvent> batch = added.get(key);
                long lastAdded = batch.stream().mapToLong(RecordedEvent::version).max().orElse(0);
                long lastVersion = Math.max(entry.lastVersion(), lastAdded);
                if (entry.rows() + batch.size() == row.getLong(1) && lastVersion == row.getLong(2)) {
                    List<RecordedEvent> events = new ArrayList<>(entry.events());
                    String id = events.isEmpty() ? key.streamId() : events.get(0).streamId(); // one string a stream
                    batch.forEach(e -> events.add(KeptFacts.compact(e, id)));
                    events.sort(Comparator.comparingLong(RecordedEvent::version));
                    confirmed.put(key, new Entry(entry.rows() + batch.size(), lastVersion, List.copyOf(events)));
                }
            }
            return confirmed;
        });
    }

    private static Uni<Void> lock(SqlConnection conn, List<Key> keys) {
        return conn.preparedQuery(LOCK_STREAMS).execute(Tuple.of(generations(keys), ids(keys))).replaceWithVoid();
    }

    /** All the facts of these negotiations, from the store. */
    private Uni<Map<Key, Entry>> load(SqlConnection conn, List<Key> keys) {
        return conn.preparedQuery(LOAD_NEGOTIATIONS).execute(Tuple.of(generations(keys), ids(keys))).map(this::entries);
    }

    private Map<Key, Entry> entries(RowSet<Row> result) {
        Map<Key, List<RecordedEvent>> events = new LinkedHashMap<>();
        Map<Key, long[]> counts = new LinkedHashMap<>();
        for (Row row : result) {
            Key key = new Key(row.getInteger(0), row.getString(2));
            long[] count = counts.computeIfAbsent(key, k -> new long[2]);
            count[0]++;
            count[1] = Math.max(count[1], row.getLong(3));
            List<RecordedEvent> list = events.computeIfAbsent(key, k -> new ArrayList<>());
            String id = list.isEmpty() ? key.streamId() : list.get(0).streamId(); // one string a stream
            rows.event(row, 1).ifPresent(e -> list.add(KeptFacts.compact(e, id)));
        }
        Map<Key, Entry> entries = new LinkedHashMap<>();
        counts.forEach((key, count) -> entries.put(key, new Entry((int) count[0], count[1], List.copyOf(events.get(key)))));
        return entries;
    }

    private static Uni<Void> upsert(SqlConnection conn, Map<Key, Entry> facts) {
        SummaryColumns columns = new SummaryColumns();
        facts.forEach((key, entry) -> AgreementStatusCalculator.status(key.streamId(), entry.events(), AsOf.NOW)
                .ifPresent(status -> columns.add(key.generation(), status)));
        if (columns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(UPSERT_SUMMARIES).execute(columns.tuple()).replaceWithVoid();
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

        void add(int generation, AgreementStatus s) {
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
                    recordedAt.toArray(OffsetDateTime[]::new)));
        }
    }
}
