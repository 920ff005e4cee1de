-- The generation-keyed tables become LIST-partitioned by generation (issue 14): each generation created from now on
-- gets its own partition of each table (projection_attach_generation, called by GenerationStore when it creates a
-- generation), and a retired generation is purged by dropping its partitions instead of deleting its rows. Queries
-- are unchanged: `generation = $n` prunes to one partition.
--
-- An existing database is moved without copying a row: each table, renamed `<table>_upto`, becomes the DEFAULT
-- partition of the new partitioned table, guarded by a CHECK (generation <= the highest generation known here) so that
-- attaching the partition of a later generation does not scan it. Its rows (the generations it holds) stay readable
-- through the parent; its indexes become the parent's indexes' partitions (the same definitions, attached, not built
-- again). Its generations, once retired, are purged with a DELETE as before.
--
-- Written to run again on a schema it already moved (it then only replaces the function).
do $$
declare
    t text;
    upto integer;
    idx record;
begin
    if (select c.relkind from pg_class c where c.oid = 'fact'::regclass) = 'p' then
        return;
    end if;
    select coalesce(max(generation), 0) into upto from projection_generation;
    foreach t in array array['fact', 'investment_link', 'agreement_summary', 'agreement_fact', 'applied_position'] loop
        execute format('alter table %I rename to %I', t, t || '_upto');
        for idx in
            select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
            where i.indrelid = (t || '_upto')::regclass
        loop
            execute format('alter index %I rename to %I', idx.relname, idx.relname || '_upto');
        end loop;
        execute format('alter table %I add constraint %I check (generation <= %s)',
                t || '_upto', t || '_upto_generations', upto);
        execute format('create table %I (like %I including defaults) partition by list (generation)', t, t || '_upto');
        execute format('alter table %I attach partition %I default', t, t || '_upto');
    end loop;

    -- the keys and indexes of V1, V5 and V6 on the partitioned tables (the default partition's own are attached)
    alter table fact add primary key (generation, stream_type, stream_id, stream_version);
    create unique index fact_event_id on fact (generation, event_id);
    create index fact_recorded on fact (generation, recorded_at, stream_type, stream_id, stream_version);
    alter table investment_link add primary key (generation, negotiation_id, investment_id);
    create index investment_link_by_investment on investment_link (generation, investment_id);
    alter table agreement_summary add primary key (generation, negotiation_id);
    alter table applied_position add primary key (generation, group_id, topic, kafka_partition);
    alter table agreement_fact add primary key (generation, negotiation_id, stream_version);
    create index agreement_fact_mission on agreement_fact (generation, negotiation_id, mission_id)
        where mission_id is not null;
    create index agreement_fact_by_version on agreement_fact (generation, negotiation_id, event_type, stream_version)
        where not retracted;
    create index agreement_fact_by_date on agreement_fact (generation, negotiation_id, event_type, date_earliest,
        date_latest, date_text collate "C", stream_version) where not retracted and fact_status = 'OCCURRED';
end
$$;

-- No planner statistics for the two columns no query filters on, the facts' payload and the states' encoded form:
-- an analyze (a rebuild runs one on its partitions before the switch) skips the largest values of the sample.
-- Set on the parents (and so their partitions); projection_attach_generation copies it to each new partition.
alter table fact alter column payload set statistics 0;
alter table agreement_summary alter column state set statistics 0;

-- The partition of `tbl` for generation `g`, `<tbl>_g<g>`: created as a table of its own (the parent's per-column
-- statistics targets copied), then attached (which builds the parent's indexes on it and checks it holds only
-- generation `g`). Attaching takes SHARE UPDATE EXCLUSIVE on the
-- parent and ACCESS EXCLUSIVE on the default partition (no scan: its CHECK excludes `g`), briefly: call it once per
-- table, each in its own transaction, so that it never holds one table's lock while waiting for another's. Does
-- nothing when the partition is attached already.
create or replace function projection_attach_generation(tbl text, g integer) returns void
language plpgsql as $$
declare
    part text := tbl || '_g' || g;
    col record;
begin
    if exists (select 1 from pg_inherits i where i.inhrelid = to_regclass(part)) then
        return;
    end if;
    execute format('create table if not exists %I (like %I including defaults)', part, tbl);
    for col in
        select a.attname, a.attstattarget from pg_attribute a
        where a.attrelid = tbl::regclass and a.attnum > 0 and not a.attisdropped and a.attstattarget >= 0
    loop
        execute format('alter table %I alter column %I set statistics %s', part, col.attname, col.attstattarget);
    end loop;
    execute format('alter table %I attach partition %I for values in (%s)', tbl, part, g);
end
$$;
