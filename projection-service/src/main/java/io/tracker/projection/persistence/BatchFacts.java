package io.tracker.projection.persistence;

import java.time.LocalDate;
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

import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.tracker.projection.domain.BusinessDate;
import io.tracker.projection.domain.RecordedEvent;
import io.tracker.projection.domain.StreamKind;
import io.tracker.projection.messaging.Incoming;
import io.tracker.projection.persistence.AgreementStates.Key;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A batch's facts as {@link ProjectionWriter} writes them in its transaction: one event per stream version, the
 * fact rows of every generation written (inserting nothing for an event already applied: the primary key and the
 * event id are the record of what was applied) and the investment links, each in one statement over arrays; then
 * which negotiation events were new (their agreements are folded) and which streams the fold may need.
 */
final class BatchFacts {
    private static final String INSERT_FACTS = """
            insert into fact (generation, stream_type, stream_id, stream_version, event_id, event_type, schema_version,
                              date_text, date_precision, date_earliest, date_latest, fact_status, target_version,
                              recorded_at, source_topic, source_partition, source_offset, payload)
            select g, st, sid, sv, eid, et, sch, dt, dp, de, dl, fs, tv, ra, tp, pa, so, convert_from(p, 'UTF8')::jsonb
            from unnest($1::int[]) as gen(g)
            cross join unnest($2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::int[], $8::text[],
                              $9::text[], $10::date[], $11::date[], $12::text[], $13::bigint[], $14::timestamptz[],
                              $15::text[], $16::int[], $17::bigint[], $18::bytea[])
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

    private BatchFacts() {}

    /** One event per stream version: a redelivery inside one batch is applied once as well. */
    static List<Incoming.Event> distinct(List<Incoming.Event> events) {
        // keys as records, not concatenated strings: a rebuild runs this for every event it replays
        Map<StreamVersion, Incoming.Event> byKey = new LinkedHashMap<>();
        for (Incoming.Event e : events) {
            RecordedEvent r = e.event();
            byKey.putIfAbsent(new StreamVersion(r.stream().wireName(), r.streamId(), r.version()), e);
        }
        List<Incoming.Event> list = new ArrayList<>(byKey.values());
        list.sort(Comparator.comparing((Incoming.Event e) -> e.event().stream())
                .thenComparing(e -> e.event().streamId())
                .thenComparingLong(e -> e.event().version()));
        return list;
    }

    /** A stream version: an event's key (its stream kind's wire name, its stream, its version). */
    private record StreamVersion(String streamType, String streamId, long version) {}

    /** A fact row that was inserted: which generation, stream and version. */
    record Inserted(int generation, String streamType, String streamId, long version) {}

    static Uni<List<Inserted>> insertFacts(SqlConnection conn, Integer[] gens, List<Incoming.Event> events) {
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
        LocalDate[] earliest = new java.time.LocalDate[n];
        LocalDate[] latest = new java.time.LocalDate[n];
        String[] statuses = new String[n];
        Long[] targets = new Long[n];
        OffsetDateTime[] recordedAt = new OffsetDateTime[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        Buffer[] payloads = new Buffer[n];
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
            // the bytes as received, wrapped (Buffer.buffer(byte[]) would copy them): no text to encode
            payloads[i] = Buffer.buffer(Unpooled.wrappedBuffer(e.payload()));
        }
        Tuple params = Tuple.tuple(Arrays.asList(
                gens,
                streamTypes,
                streamIds,
                versions,
                eventIds,
                types,
                schemaVersions,
                dateTexts,
                precisions,
                earliest,
                latest,
                statuses,
                targets,
                recordedAt,
                topics,
                partitions,
                offsets,
                payloads));
        return conn.preparedQuery(INSERT_FACTS).execute(params).map(result -> {
            List<Inserted> inserted = new ArrayList<>();
            for (Row row : result) {
                inserted.add(new Inserted(row.getInteger(0), row.getString(1), row.getString(2), row.getLong(3)));
            }
            return inserted;
        });
    }

    static Uni<Integer> insertLinks(SqlConnection conn, Integer[] gens, List<Incoming.Event> events) {
        List<String> negotiations = new ArrayList<>();
        List<String> investments = new ArrayList<>();
        for (Incoming.Event e : events) {
            for (String negotiationId : e.negotiationLinks()) {
                negotiations.add(negotiationId);
                investments.add(e.event().streamId());
            }
        }
        if (negotiations.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return conn.preparedQuery(INSERT_LINKS)
                .execute(Tuple.of(gens, negotiations.toArray(String[]::new), investments.toArray(String[]::new)))
                .map(RowSet::rowCount);
    }

    /** The negotiation events the batch inserted, by (generation, stream): their agreement rows are recomputed. */
    static Map<Key, List<RecordedEvent>> added(List<Inserted> inserted, List<Incoming.Event> events) {
        Map<StreamVersion, RecordedEvent> byVersion = new HashMap<>();
        for (Incoming.Event e : events) {
            if (e.event().stream() == StreamKind.NEGOTIATION) {
                byVersion.put(
                        new StreamVersion(
                                StreamKind.NEGOTIATION.wireName(),
                                e.event().streamId(),
                                e.event().version()),
                        e.event());
            }
        }
        Map<Key, List<RecordedEvent>> added = new LinkedHashMap<>();
        for (Inserted row : inserted) {
            if (row.streamType.equals(StreamKind.NEGOTIATION.wireName())) {
                added.computeIfAbsent(new Key(row.generation, row.streamId), k -> new ArrayList<>())
                        .add(byVersion.get(new StreamVersion(row.streamType, row.streamId, row.version)));
            }
        }
        return added;
    }

    /** Every negotiation stream of the batch in every generation it writes, with its events: what the fold may need. */
    static Map<Key, List<RecordedEvent>> candidates(Integer[] gens, List<Incoming.Event> events) {
        Map<Key, List<RecordedEvent>> candidates = new LinkedHashMap<>();
        for (int g : gens) {
            for (Incoming.Event e : events) {
                if (e.event().stream() == StreamKind.NEGOTIATION) {
                    candidates
                            .computeIfAbsent(new Key(g, e.event().streamId()), k -> new ArrayList<>())
                            .add(e.event());
                }
            }
        }
        return candidates;
    }
}
