package io.tracker.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The appends of one group as one statement, so one round trip, one transaction and one WAL flush for all of
 * them. Each item has its own version claim and idempotency key, and none can make the statement fail for the
 * others in the ordinary cases: a version conflict claims nothing (the claim's condition selects no row), and
 * a key already committed keeps its item out ({@code fresh}); such an item simply appends nothing and the
 * caller finds out why. A group holds each stream and each key at most once (so two items never claim the same
 * row). What can still fail the statement (a key committed concurrently by another replica, a deadlock between
 * replicas, a constraint violation) makes {@link GroupCommit} run the group's items one by one instead.
 * Each item's events carry its command's traceparent (null when it was not traced). Only expected-version and
 * no-stream claims are grouped (see {@link EventStore#append}).
 */
final class GroupAppend {
    static final String SQL = """
            with items as (
              select * from unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
                                   $8::text[], $9::text[], $10::text[], $18::text[])
                as t(item, stream_id, stream_type, expected, n, idem_key, request_hash, correlation_id, causation_id, actor,
                     traceparent)
            ), fresh as (
              select i.* from items i
              where i.idem_key is null or not exists (select 1 from es_idempotency k where k.idempotency_key = i.idem_key)
            ), moved as (
              update es_streams s set version = s.version + f.n, updated_at = now()
              from fresh f where f.expected > 0 and s.stream_id = f.stream_id and s.version = f.expected
              returning f.item, s.version - f.n as base
            ), created as (
              insert into es_streams (stream_id, stream_type, version)
              select stream_id, stream_type, n from fresh where expected = 0
              on conflict (stream_id) do nothing
              returning stream_id
            ), claim as (
              select item, base from moved
              union all
              select f.item, 0::bigint from created c join fresh f on f.stream_id = c.stream_id
            ), ins as (
              insert into es_events (stream_id, stream_type, version, event_id, event_type, schema_version, payload,
                                     occurred_on, correlation_id, causation_id, actor, idempotency_key, traceparent)
              select f.stream_id, f.stream_type, c.base + x.i, x.id, x.t, x.sv, x.p::jsonb, x.o, f.correlation_id,
                     f.causation_id, f.actor, f.idem_key, f.traceparent
              from claim c join fresh f on f.item = c.item
                   join unnest($11::int[], $12::uuid[], $13::text[], $14::int[], $15::text[], $16::text[], $17::bigint[])
                     as x(item, id, t, sv, p, o, i) on x.item = c.item
              order by c.item, x.i
              returning global_position, event_id, version, event_type, stream_id
            ), idem as (
              insert into es_idempotency (idempotency_key, request_hash, stream_id, first_version, last_version)
              select f.idem_key, f.request_hash, f.stream_id, c.base + 1, c.base + f.n
              from claim c join fresh f on f.item = c.item where f.idem_key is not null
            )
            select f.item, ins.global_position, ins.event_id, ins.version, ins.event_type
            from ins join fresh f on f.stream_id = ins.stream_id order by f.item, ins.version
            """;

    private GroupAppend() {}

    static Tuple parameters(List<AppendRequest> group) {
        int items = group.size();
        int events = group.stream().mapToInt(r -> r.events().size()).sum();
        Integer[] item = new Integer[items];
        String[] streams = new String[items];
        String[] streamTypes = new String[items];
        Long[] expected = new Long[items];
        Long[] counts = new Long[items];
        String[] keys = new String[items];
        String[] hashes = new String[items];
        String[] correlations = new String[items];
        String[] causations = new String[items];
        String[] actors = new String[items];
        String[] traceparents = new String[items];
        Integer[] eventItem = new Integer[events];
        UUID[] ids = new UUID[events];
        String[] types = new String[events];
        Integer[] schemaVersions = new Integer[events];
        String[] payloads = new String[events];
        String[] occurred = new String[events];
        Long[] ordinals = new Long[events];
        int e = 0;
        for (int k = 0; k < items; k++) {
            AppendRequest r = group.get(k);
            CommandContext c = r.context();
            item[k] = k;
            streams[k] = r.streamId();
            streamTypes[k] = r.streamType();
            expected[k] = r.expectedVersion();
            counts[k] = (long) r.events().size();
            keys[k] = c.idempotencyKey();
            hashes[k] = c.requestHash();
            correlations[k] = c.correlationId();
            causations[k] = c.causationId();
            actors[k] = c.actor();
            traceparents[k] = r.traceparent();
            long ordinal = 1;
            for (EncodedEvent event : r.events()) {
                eventItem[e] = k;
                ids[e] = EventIds.next();
                types[e] = event.type();
                schemaVersions[e] = event.schemaVersion();
                payloads[e] = event.json();
                occurred[e] = event.occurredOn();
                ordinals[e] = ordinal++;
                e++;
            }
        }
        return Tuple.tuple(Arrays.asList(
                item,
                streams,
                streamTypes,
                expected,
                counts,
                keys,
                hashes,
                correlations,
                causations,
                actors,
                eventItem,
                ids,
                types,
                schemaVersions,
                payloads,
                occurred,
                ordinals,
                traceparents));
    }

    /** The appended events of each item, by item; an empty list where the item appended nothing. */
    static List<List<AppendedEvent>> appended(RowSet<Row> rows, int items) {
        List<List<AppendedEvent>> byItem = new ArrayList<>(items);
        for (int k = 0; k < items; k++) {
            byItem.add(new ArrayList<>());
        }
        for (Row row : rows) {
            byItem.get(row.getInteger(0))
                    .add(new AppendedEvent(row.getUUID(2), row.getLong(3), row.getLong(1), row.getString(4)));
        }
        return byItem;
    }
}
