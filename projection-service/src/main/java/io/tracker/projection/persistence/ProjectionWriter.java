package io.tracker.projection.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.AgreementStatus;
import io.tracker.projection.domain.AgreementStatusCalculator;
import io.tracker.projection.domain.AsOf;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.Milestone;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies a whole batch of events in one transaction: the fact rows (inserting nothing for an event already
 * applied: the primary key and event id are the record of what was applied), the investment links, the
 * consumer's positions, the agreement summaries of the negotiations that changed, and a NOTIFY per changed
 * agreement (delivered on commit, to every replica's live-update streams).
 * <p>
 * A rebuild consumer's batches (written only to the generation being built) leave the summaries out: a
 * stream's history is spread over many batches of a replay, and recomputing it in each would decode it again
 * and again. The rebuild computes them once instead, when it has caught up and before the switch-over
 * ({@link #summarizeBuilding}, page by page).
 */
@ApplicationScoped
public class ProjectionWriter {
    public static final String NOTIFY_CHANNEL = "projection_agreement_changed";
    /** The payload of a notification that every agreement may have changed (a generation switch). */
    public static final String ALL = "*";

    private static final String GENERATIONS_LIVE = "select generation, state from projection_generation"
            + " where state in ('ACTIVE', 'BUILDING') order by generation";
    private static final String GENERATION_BUILDING = "select generation, state from projection_generation"
            + " where generation = $1 and state = 'BUILDING'";

    private static final String INSERT_FACTS = """
            insert into fact (generation, stream_type, stream_id, stream_version, event_id, event_type, schema_version,
                              date_text, date_precision, date_earliest, date_latest, fact_status, target_version,
                              recorded_at, source_topic, source_partition, source_offset, payload)
            select g, st, sid, sv, eid, et, sch, dt, dp, de, dl, fs, tv, ra, tp, pa, so, p::jsonb
            from unnest($1::int[]) as gen(g)
            cross join unnest($2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::int[], $8::text[],
                              $9::text[], $10::date[], $11::date[], $12::text[], $13::bigint[], $14::timestamptz[],
                              $15::text[], $16::int[], $17::bigint[], $18::text[])
                 as x(st, sid, sv, eid, et, sch, dt, dp, de, dl, fs, tv, ra, tp, pa, so, p)
            order by g, st, sid, sv
            on conflict do nothing
            returning generation, stream_type, stream_id
            """;

    private static final String INSERT_LINKS = """
            insert into investment_link (generation, negotiation_id, investment_id)
            select g, n, i from unnest($1::int[]) as gen(g) cross join unnest($2::text[], $3::text[]) as x(n, i)
            on conflict do nothing
            """;

    private static final String UPSERT_POSITIONS = """
            insert into applied_position (generation, group_id, topic, kafka_partition, next_offset)
            select g, $2, t, p, o from unnest($1::int[]) as gen(g) cross join unnest($3::text[], $4::int[], $5::bigint[]) as x(t, p, o)
            on conflict (generation, group_id, topic, kafka_partition)
            do update set next_offset = greatest(applied_position.next_offset, excluded.next_offset), updated_at = now()
            """;

    /** Serialises summary recomputation per (generation, negotiation) between live and rebuild consumers. */
    private static final String LOCK_STREAMS = """
            select count(pg_advisory_xact_lock(k)) from (
              select distinct hashtextextended(g::text || ':' || s, 0) as k
              from unnest($1::int[], $2::text[]) as x(g, s) order by k) as keys
            """;

    private static final String LOAD_NEGOTIATIONS = "select generation, " + FactRows.COLUMNS + " from fact"
            + " where stream_type = 'negotiation' and (generation, stream_id) in"
            + " (select g, s from unnest($1::int[], $2::text[]) as x(g, s))"
            + " order by generation, stream_id, stream_version";

    /**
     * The final summary pass: the next page of the building generation's negotiation streams, by stream id, after
     * $3 (the empty string before the first page: every stream id sorts after it).
     */
    private static final String PAGE_STREAMS = "select stream_id, count(*) from fact"
            + " where generation = $1 and stream_type = 'negotiation' and stream_id > $3"
            + " and exists (select 1 from projection_generation where generation = $1 and state = 'BUILDING')"
            + " group by stream_id order by stream_id limit $2";

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

    private static final String NOTIFY = "select count(pg_notify('" + NOTIFY_CHANNEL + "', id)) from unnest($1::text[]) as x(id)";

    private final Pool pool;
    private final FactRows rows = new FactRows();

    ProjectionWriter(Pool pool) {
        this.pool = pool;
    }

    public Uni<ApplyResult> apply(ApplyTarget target, String groupId, List<Incoming.Event> events,
            List<PartitionPosition> positions) {
        List<Incoming.Event> distinct = distinct(events);
        return pool.withTransaction(conn -> generations(conn, target).chain(gens -> {
            if (gens.generations.isEmpty()) {
                return Uni.createFrom().item(new ApplyResult(0, events.size(), List.of(), true));
            }
            Integer[] g = gens.generations.toArray(Integer[]::new);
            return insertFacts(conn, g, distinct)
                    .call(() -> insertLinks(conn, g, distinct))
                    .call(() -> upsertPositions(conn, g, groupId, positions))
                    // a rebuild's replay computes the summaries once, at the end (summarizeBuilding)
                    .call(inserted -> target.isLive() ? refreshSummaries(conn, inserted) : Uni.createFrom().voidItem())
                    .call(inserted -> notifyChanged(conn, inserted, gens.active))
                    .map(inserted -> {
                        int main = target.isLive() ? gens.active : target.rebuildGeneration();
                        int applied = (int) inserted.stream().filter(k -> k.generation == main).count();
                        // a copy inside the batch was received again as much as one applied by an earlier batch
                        return new ApplyResult(applied, events.size() - applied, gens.generations, false);
                    });
        }));
    }

    /** One event per stream version: a redelivery inside one batch is applied once as well. */
    private static List<Incoming.Event> distinct(List<Incoming.Event> events) {
        Map<String, Incoming.Event> byKey = new LinkedHashMap<>();
        for (Incoming.Event e : events) {
            RecordedEvent r = e.event();
            byKey.putIfAbsent(r.stream().wireName() + "|" + r.streamId() + "|" + r.version(), e);
        }
        List<Incoming.Event> list = new ArrayList<>(byKey.values());
        list.sort(Comparator.comparing((Incoming.Event e) -> e.event().stream()).thenComparing(e -> e.event().streamId())
                .thenComparingLong(e -> e.event().version()));
        return list;
    }

    private record Generations(List<Integer> generations, int active) {
    }

    private static Uni<Generations> generations(SqlConnection conn, ApplyTarget target) {
        Uni<RowSet<Row>> query = target.isLive() ? conn.query(GENERATIONS_LIVE).execute()
                : conn.preparedQuery(GENERATION_BUILDING).execute(Tuple.of(target.rebuildGeneration()));
        return query.map(result -> {
            List<Integer> gens = new ArrayList<>();
            int active = -1;
            for (Row row : result) {
                gens.add(row.getInteger(0));
                if ("ACTIVE".equals(row.getString(1))) {
                    active = row.getInteger(0);
                }
            }
            return new Generations(gens, active);
        });
    }

    /** A fact row that was inserted: which generation and stream. */
    private record Inserted(int generation, String streamType, String streamId) {
    }

    private static Uni<List<Inserted>> insertFacts(SqlConnection conn, Integer[] gens, List<Incoming.Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = events.size();
        String[] streamTypes = new String[n];
        String[] streamIds = new String[n];
        Long[] versions = new Long[n];
        UUID[] eventIds = new UUID[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] dateTexts = new String[n];
        String[] precisions = new String[n];
        java.time.LocalDate[] earliest = new java.time.LocalDate[n];
        java.time.LocalDate[] latest = new java.time.LocalDate[n];
        String[] statuses = new String[n];
        Long[] targets = new Long[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Incoming.Event e = events.get(i);
            RecordedEvent r = e.event();
            streamTypes[i] = r.stream().wireName();
            streamIds[i] = r.streamId();
            versions[i] = r.version();
            eventIds[i] = r.eventId();
            types[i] = r.type().typeName();
            schemaVersions[i] = e.schemaVersion();
            BusinessDate date = r.body().date();
            dateTexts[i] = date == null ? null : date.text();
            precisions[i] = date == null ? null : date.precision();
            earliest[i] = date == null ? null : date.earliest();
            latest[i] = date == null ? null : date.latest();
            statuses[i] = r.body().status() == null ? null : r.body().status().name();
            long target = r.targetVersion();
            targets[i] = target == 0 ? null : target;
            recordedAt[i] = r.recordedAt().atOffset(ZoneOffset.UTC);
            topics[i] = e.position().topic();
            partitions[i] = e.position().partition();
            offsets[i] = e.position().offset();
            payloads[i] = e.payload();
        }
        Tuple params = Tuple.tuple(Arrays.asList(gens, streamTypes, streamIds, versions, eventIds, types,
                schemaVersions, dateTexts, precisions, earliest, latest, statuses, targets, recordedAt, topics,
                partitions, offsets, payloads));
        return conn.preparedQuery(INSERT_FACTS).execute(params).map(result -> {
            List<Inserted> inserted = new ArrayList<>();
            for (Row row : result) {
                inserted.add(new Inserted(row.getInteger(0), row.getString(1), row.getString(2)));
            }
            return inserted;
        });
    }

    private static Uni<Void> insertLinks(SqlConnection conn, Integer[] gens, List<Incoming.Event> events) {
        List<String> negotiations = new ArrayList<>();
        List<String> investments = new ArrayList<>();
        for (Incoming.Event e : events) {
            for (String negotiationId : e.negotiationLinks()) {
                negotiations.add(negotiationId);
                investments.add(e.event().streamId());
            }
        }
        if (negotiations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(INSERT_LINKS).execute(Tuple.of(gens, negotiations.toArray(String[]::new),
                investments.toArray(String[]::new))).replaceWithVoid();
    }

    private static Uni<Void> upsertPositions(SqlConnection conn, Integer[] gens, String groupId,
            List<PartitionPosition> positions) {
        if (positions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(UPSERT_POSITIONS).execute(Tuple.of(gens, groupId,
                positions.stream().map(PartitionPosition::topic).toArray(String[]::new),
                positions.stream().map(PartitionPosition::partition).toArray(Integer[]::new),
                positions.stream().map(PartitionPosition::nextOffset).toArray(Long[]::new))).replaceWithVoid();
    }

    /** Recomputes the list row of every negotiation that got a new fact, under a lock per generation and stream. */
    private Uni<Void> refreshSummaries(SqlConnection conn, List<Inserted> inserted) {
        Set<Inserted> changed = new LinkedHashSet<>();
        inserted.stream().filter(k -> k.streamType.equals(StreamKind.NEGOTIATION.wireName())).forEach(changed::add);
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] gens = changed.stream().map(Inserted::generation).toArray(Integer[]::new);
        String[] ids = changed.stream().map(Inserted::streamId).toArray(String[]::new);
        return summarize(conn, gens, ids);
    }

    /** Recomputes the list rows of these (generation, negotiation) pairs from all their facts, under their locks. */
    private Uni<Void> summarize(SqlConnection conn, Integer[] gens, String[] ids) {
        return conn.preparedQuery(LOCK_STREAMS).execute(Tuple.of(gens, ids))
                .chain(() -> conn.preparedQuery(LOAD_NEGOTIATIONS).execute(Tuple.of(gens, ids)))
                .chain(result -> conn.preparedQuery(UPSERT_SUMMARIES).execute(summaries(result)))
                .replaceWithVoid();
    }

    /**
     * One page of the final summary pass of a rebuild: no page ({@link SummaryPage#streams()} 0) when
     * {@code generation} is no longer BUILDING or has no negotiation stream after {@code after}.
     */
    public record SummaryPage(int streams, long facts, String lastStreamId) {
    }

    /**
     * Computes the agreement summaries of the building generation {@code generation} for the negotiation
     * streams after {@code after} (null: from the first), in stream id order: at most {@code maxStreams}
     * streams and at most {@code maxFacts} facts (at least one stream, however long), in one transaction. Each
     * stream's row is computed from all its facts, as a live batch does, under the same per-(generation,
     * stream) lock: a live batch that writes to this generation at the same time computes the row either before
     * this page (which then reads its facts) or after it. Call it with the last stream id of the previous page
     * until it returns an empty page.
     */
    public Uni<SummaryPage> summarizeBuilding(int generation, String after, int maxStreams, long maxFacts) {
        return pool.withTransaction(conn -> conn.preparedQuery(PAGE_STREAMS)
                .execute(Tuple.of(generation, maxStreams, after == null ? "" : after))
                .chain(page -> {
                    List<String> ids = new ArrayList<>();
                    long facts = 0;
                    for (Row row : page) {
                        long count = row.getLong(1);
                        if (!ids.isEmpty() && facts + count > maxFacts) {
                            break;
                        }
                        ids.add(row.getString(0));
                        facts += count;
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(new SummaryPage(0, 0, after));
                    }
                    Integer[] gens = new Integer[ids.size()];
                    Arrays.fill(gens, generation);
                    SummaryPage done = new SummaryPage(ids.size(), facts, ids.get(ids.size() - 1));
                    return summarize(conn, gens, ids.toArray(String[]::new)).replaceWith(done);
                }));
    }

    private Tuple summaries(RowSet<Row> result) {
        Map<Integer, Map<String, List<RecordedEvent>>> byGeneration = new LinkedHashMap<>();
        for (Row row : result) {
            rows.event(row, 1).ifPresent(e -> byGeneration.computeIfAbsent(row.getInteger(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(e.streamId(), k -> new ArrayList<>()).add(e));
        }
        SummaryColumns columns = new SummaryColumns();
        byGeneration.forEach((generation, streams) -> streams.forEach((id, events) -> AgreementStatusCalculator
                .status(id, events, AsOf.NOW).ifPresent(status -> columns.add(generation, status))));
        return columns.tuple();
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

        Tuple tuple() {
            return Tuple.tuple(Arrays.asList(generations.toArray(Integer[]::new), ids.toArray(String[]::new),
                    titles.toArray(String[]::new), parties.toArray(String[]::new), stages.toArray(String[]::new),
                    milestones.toArray(String[]::new), milestoneKinds.toArray(String[]::new),
                    milestoneDates.toArray(String[]::new), pending.toArray(Integer[]::new),
                    binding.toArray(Boolean[]::new), versions.toArray(Long[]::new),
                    recordedAt.toArray(OffsetDateTime[]::new)));
        }
    }

    private static Uni<Void> notifyChanged(SqlConnection conn, List<Inserted> inserted, int activeGeneration) {
        String[] ids = inserted.stream()
                .filter(k -> k.generation == activeGeneration && k.streamType.equals(StreamKind.NEGOTIATION.wireName()))
                .map(Inserted::streamId).distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(NOTIFY).execute(Tuple.of((Object) ids)).replaceWithVoid();
    }
}
