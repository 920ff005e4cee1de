-- The folded state of a long stream at a version, so that a cold load reads only the events after it.
-- A snapshot is a cache of a fold of immutable events: it is never authoritative, can be deleted at any
-- time, and one whose encoding the service does not know (its state's shape changed) is ignored and replaced.
create table es_snapshots (
    stream_id   text        primary key,
    version     bigint      not null check (version > 0),
    encoding    text        not null,
    state       text        not null,
    taken_at    timestamptz not null default now()
);
