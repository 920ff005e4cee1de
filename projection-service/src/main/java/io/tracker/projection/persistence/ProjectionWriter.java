package io.tracker.projection.persistence;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.messaging.ProjectionConfig;
import io.tracker.projection.persistence.KeptFacts.Entry;
import io.tracker.projection.persistence.KeptFacts.Key;
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
            returning generation, stream_type, stream_id, stream_version
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

    /**
     * The final summary pass: the next page of the building generation's negotiation streams, by stream id, after
     * $3 (the empty string before the first page: every stream id sorts after it).
     */
    private static final String PAGE_STREAMS = "select stream_id, count(*) from fact"
            + " where generation = $1 and stream_type = 'negotiation' and stream_id > $3"
            + " and exists (select 1 from projection_generation where generation = $1 and state = 'BUILDING')"
            + " group by stream_id order by stream_id limit $2";

    private static final String NOTIFY = "select count(pg_notify('" + NOTIFY_CHANNEL + "', id)) from unnest($1::text[]) as x(id)";

    private final Pool pool;
    private final AgreementSummaries summaries;

    ProjectionWriter(Pool pool, ProjectionConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.summaries = new AgreementSummaries(new KeptFacts(config.keptFacts()));
        String description = "agreement rows a live batch recomputed, by where the negotiation's facts came from";
        FunctionCounter.builder("projection.summaries.refreshed", summaries, AgreementSummaries::fromKept)
                .description(description).tags("facts", "kept").register(registry);
        FunctionCounter.builder("projection.summaries.refreshed", summaries, AgreementSummaries::fromStore)
                .description(description).tags("facts", "store").register(registry);
        Gauge.builder("projection.kept.facts", summaries, s -> s.kept().events())
                .description("decoded facts of recently changed negotiations kept in memory").register(registry);
    }

    /** The agreement rows' writer (tests read its counts). */
    AgreementSummaries summaries() {
        return summaries;
    }

    public Uni<ApplyResult> apply(ApplyTarget target, String groupId, List<Incoming.Event> events,
            List<PartitionPosition> positions) {
        List<Incoming.Event> distinct = distinct(events);
        Map<Key, Entry> toKeep = new LinkedHashMap<>();
        return pool.withTransaction(conn -> generations(conn, target).chain(gens -> {
            if (gens.generations.isEmpty()) {
                return Uni.createFrom().item(new ApplyResult(0, events.size(), List.of(), true));
            }
            Integer[] g = gens.generations.toArray(Integer[]::new);
            return insertFacts(conn, g, distinct)
                    .call(() -> insertLinks(conn, g, distinct))
                    .call(() -> upsertPositions(conn, g, groupId, positions))
                    // a rebuild's replay computes the summaries once, at the end (summarizeBuilding)
                    .call(inserted -> target.isLive()
                            ? summaries.refresh(conn, gens.active, added(inserted, distinct)).invoke(toKeep::putAll)
                            : Uni.createFrom().voidItem())
                    .call(inserted -> notifyChanged(conn, inserted, gens.active))
                    .map(inserted -> {
                        int main = target.isLive() ? gens.active : target.rebuildGeneration();
                        int applied = (int) inserted.stream().filter(k -> k.generation == main).count();
                        // a copy inside the batch was received again as much as one applied by an earlier batch
                        return new ApplyResult(applied, events.size() - applied, gens.generations, false);
                    });
        })).invoke(() -> summaries.keep(toKeep)); // only what was committed is kept
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

    /** A fact row that was inserted: which generation, stream and version. */
    private record Inserted(int generation, String streamType, String streamId, long version) {
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
                inserted.add(new Inserted(row.getInteger(0), row.getString(1), row.getString(2), row.getLong(3)));
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

    /** The negotiation events the batch inserted, by (generation, stream): their agreement rows are recomputed. */
    private static Map<Key, List<RecordedEvent>> added(List<Inserted> inserted, List<Incoming.Event> events) {
        Map<String, RecordedEvent> byVersion = new HashMap<>();
        for (Incoming.Event e : events) {
            if (e.event().stream() == StreamKind.NEGOTIATION) {
                byVersion.put(e.event().streamId() + "|" + e.event().version(), e.event());
            }
        }
        Map<Key, List<RecordedEvent>> added = new LinkedHashMap<>();
        for (Inserted row : inserted) {
            if (row.streamType.equals(StreamKind.NEGOTIATION.wireName())) {
                added.computeIfAbsent(new Key(row.generation, row.streamId), k -> new ArrayList<>())
                        .add(byVersion.get(row.streamId + "|" + row.version));
            }
        }
        return added;
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
                    SummaryPage done = new SummaryPage(ids.size(), facts, ids.get(ids.size() - 1));
                    return summaries.fromStore(conn, ids.stream().map(id -> new Key(generation, id)).toList())
                            .replaceWith(done);
                }));
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
