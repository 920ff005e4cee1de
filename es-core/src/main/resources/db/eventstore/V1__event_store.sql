-- Event store: the append-only log, the per-stream version used for optimistic concurrency,
-- the idempotency keys of accepted commands, and the transactional outbox.

create table es_streams (
    stream_id   text primary key,
    stream_type text        not null,
    version     bigint      not null,
    updated_at  timestamptz not null default now()
);

create table es_events (
    global_position bigserial primary key,
    -- the writing transaction: catch-up reads go in (transaction_id, global_position) order and only up to
    -- the oldest transaction still running, so a reader never skips an event committed late
    transaction_id  xid8        not null default pg_current_xact_id(),
    stream_id       text        not null,
    stream_type     text        not null,
    version         bigint      not null,
    event_id        uuid        not null,
    event_type      text        not null,
    schema_version  int         not null,
    payload         jsonb       not null,
    occurred_on     text,
    correlation_id  text,
    causation_id    text,
    actor           text        not null,
    idempotency_key text,
    recorded_at     timestamptz not null default now(),
    constraint es_events_stream_version unique (stream_id, version),
    constraint es_events_event_id unique (event_id)
);

create index es_events_commit_order on es_events (transaction_id, global_position);

create table es_idempotency (
    idempotency_key text primary key,
    request_hash    text,
    stream_id       text        not null,
    first_version   bigint      not null,
    last_version    bigint      not null,
    recorded_at     timestamptz not null default now()
);

create table es_outbox (
    id              bigserial primary key,
    global_position bigint      not null references es_events (global_position),
    topic           text        not null,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);

create index es_outbox_pending on es_outbox (id) where delivered_at is null;
