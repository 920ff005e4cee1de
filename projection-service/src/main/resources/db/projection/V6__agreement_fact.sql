-- One row per fact or status change of a negotiation stream as it stands after the amendments folded into it
-- (io.tracker.projection.domain.AgreementStateEntry), beside the agreement's state: the state itself keeps only a
-- head of fixed shape, and a batch reads only the entries its events concern: the target of a correction or
-- retraction (by version), the other facts of a trade mission (by mission id), and, when an amendment took away what
-- decided something, its next best (io.tracker.projection.domain.AgreementStateBest): one indexed `limit 1` per type
-- (by version: the first opening, the latest stall or resumption; by business date, occurred only: a milestone's
-- first completion, the latest talks). Written in the transaction that applies the events.
create table agreement_fact (
    generation      integer not null,
    negotiation_id  text not null,
    stream_version  bigint not null,
    event_type      text not null,
    date_text       text not null,
    date_precision  text not null,
    date_earliest   date not null,
    date_latest     date not null,
    fact_status     text not null,
    title           text,
    mission_id      text,
    parties         text not null default '',
    corrected_by    bigint not null default 0,
    retracted       boolean not null default false,
    primary key (generation, negotiation_id, stream_version)
);
create index agreement_fact_mission on agreement_fact (generation, negotiation_id, mission_id)
    where mission_id is not null;
create index agreement_fact_by_version on agreement_fact (generation, negotiation_id, event_type, stream_version)
    where not retracted;
create index agreement_fact_by_date on agreement_fact (generation, negotiation_id, event_type, date_earliest,
    date_latest, date_text collate "C", stream_version) where not retracted and fact_status = 'OCCURRED';
