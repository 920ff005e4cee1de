-- Publication from the event log (issue 13): the relay reads es_events in commit order, (transaction_id,
-- global_position), and keeps where it is in one row, updated once per published batch. No row per event is
-- written, updated or vacuumed any more; es_outbox is no longer written nor read by this version. It is kept
-- (unused) so that a replica of the previous version still running during a rolling update can append; a
-- later migration may drop it.

create table es_publication (
    relay           text        primary key,
    -- the last event published, in commit order: the relay publishes what comes after it
    transaction_id  xid8        not null,
    global_position bigint      not null,
    published_at    timestamptz not null default now()
);

-- Where publication starts on an existing database: right before the first event the outbox had not
-- delivered (in commit order), and never after an event of a transaction still running now (its outbox row is
-- invisible to this migration): it is the last event of a finished transaction before both. Events after it
-- that the outbox had delivered are published again (delivery is at least once; consumers skip event ids they
-- have applied). On a new database: the start of the log.
insert into es_publication (relay, transaction_id, global_position)
with first_undelivered as (
    select u.transaction_id, u.global_position
    from es_outbox o join es_events u using (global_position)
    where o.delivered_at is null
    order by u.transaction_id, u.global_position
    limit 1
), last as (
    select e.transaction_id, e.global_position
    from es_events e
    where e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      and (not exists (select 1 from first_undelivered)
           or (e.transaction_id, e.global_position) < (select transaction_id, global_position from first_undelivered))
    order by e.transaction_id desc, e.global_position desc
    limit 1
)
select 'outbox', coalesce((select transaction_id from last), '0'::xid8), coalesce((select global_position from last), 0);
