-- One row per fact or status change of a negotiation stream as it stands after the amendments folded into it
-- (io.tracker.projection.domain.AgreementStateEntry), beside the agreement's state: the state itself keeps only a
-- head of fixed shape, and a batch reads only the entries its events concern: the target of a correction or
-- retraction (by version), the other facts of a trade mission (by mission id), or all of a stream's entries when
-- an amendment took away what decided something. Written in the transaction that applies the events.
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
