-- The negotiations this service has learned about from tracker.negotiation.events (published by
-- negotiation-service). An investment may only be linked to a negotiation that is in this table.
-- Versions 100 and up are this service's; below 100 belongs to es-core's event store (db/eventstore).

create table known_negotiations (
    id               text primary key,
    -- from NegotiationOpened; null if the first event seen of the negotiation was another one
    title            text,
    -- NegotiationTerminated: ended for good (negotiation-service accepts only corrections afterwards)
    terminated       boolean     not null default false,
    -- the termination's business date: its text (2026-06) and the last day it may stand for
    terminated_on    text,
    terminated_until date,
    -- the stream version of the last event applied: an event at or below it is a redelivery and is skipped
    last_version     bigint      not null,
    first_seen_at    timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
