-- Read models of the projection service. Every row belongs to a generation: the active one answers the
-- queries; a rebuild fills a new one from the beginning of the topics and then becomes active.

create table projection_generation (
    generation      integer primary key,
    state           text not null check (state in ('BUILDING', 'ACTIVE', 'RETIRED', 'FAILED')),
    group_id        text not null,
    created_at      timestamptz not null default now(),
    activated_at    timestamptz,
    retired_at      timestamptz,
    events_applied  bigint not null default 0,
    transactions    bigint not null default 0,
    poison_skipped  bigint not null default 0,
    detail          text
);
-- at most one active and one building generation
create unique index projection_generation_one_active on projection_generation ((true)) where state = 'ACTIVE';
create unique index projection_generation_one_building on projection_generation ((true)) where state = 'BUILDING';

insert into projection_generation (generation, state, group_id, activated_at) values (1, 'ACTIVE', 'live', now());

-- Every applied event, as a fact row: the bitemporal read model. Status, timeline and investments are
-- computed from these rows at query time, filtered by business date (date_earliest, after corrections)
-- and by recorded time (recorded_at = the producer's ce_time). The primary key and the unique event id
-- are also the record of what was applied: applying an event again inserts nothing.
create table fact (
    generation        integer not null,
    stream_type       text not null,
    stream_id         text not null,
    stream_version    bigint not null,
    event_id          uuid not null,
    event_type        text not null,
    schema_version    integer not null,
    date_text         text,
    date_precision    text,
    date_earliest     date,
    date_latest       date,
    fact_status       text,
    target_version    bigint,
    recorded_at       timestamptz not null,
    applied_at        timestamptz not null default now(),
    source_topic      text not null,
    source_partition  integer not null,
    source_offset     bigint not null,
    payload           jsonb not null,
    primary key (generation, stream_type, stream_id, stream_version)
);
create unique index fact_event_id on fact (generation, event_id);

-- Which investments ever named which negotiation. Kept whether or not the negotiation is known yet, so an
-- investment that arrives before its negotiation is found once the negotiation arrives.
create table investment_link (
    generation      integer not null,
    negotiation_id  text not null,
    investment_id   text not null,
    primary key (generation, negotiation_id, investment_id)
);

-- The agreement list: one row per negotiation, recomputed from its facts in the transaction that applies them.
create table agreement_summary (
    generation            integer not null,
    negotiation_id        text not null,
    title                 text,
    parties               text not null default '',
    stage                 text,
    last_milestone        text,
    last_milestone_kind   text,
    last_milestone_date   text,
    pending_milestones    integer not null default 0,
    binding               boolean not null default false,
    last_version          bigint not null,
    last_recorded_at      timestamptz,
    updated_at            timestamptz not null default now(),
    primary key (generation, negotiation_id)
);

-- Where each consumer group is, per partition (next offset to apply), written with the facts.
create table applied_position (
    generation        integer not null,
    group_id          text not null,
    topic             text not null,
    kafka_partition   integer not null,
    next_offset       bigint not null,
    updated_at        timestamptz not null default now(),
    primary key (generation, group_id, topic, kafka_partition)
);
