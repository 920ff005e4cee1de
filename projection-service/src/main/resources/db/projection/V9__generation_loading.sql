-- A rebuild's bulk load (issue 14, step 3): a generation starts in state LOADING, before BUILDING. While it loads,
-- the live consumers do not write it (they write ACTIVE and BUILDING generations) and its facts and investment links
-- are COPYed into tables of its own that are not partitions yet and have no index (`fact_g<N>`,
-- `investment_link_g<N>`: projection_load_table); at the end of the load their indexes are built
-- (projection_index_loaded), then they are attached as the generation's partitions (projection_attach_generation,
-- V8: their CHECK makes the attach skip its scan, their indexes are the parent's, attached, not built again), and
-- the generation becomes BUILDING.
--
-- Written to run again (SchemaAtStartTest runs it twice).
alter table projection_generation drop constraint if exists projection_generation_state_check;
alter table projection_generation add constraint projection_generation_state_check
    check (state in ('LOADING', 'BUILDING', 'ACTIVE', 'RETIRED', 'FAILED'));

-- at most one rebuild at a time, loading or building
drop index if exists projection_generation_one_building;
create unique index if not exists projection_generation_one_rebuild on projection_generation ((true))
    where state in ('LOADING', 'BUILDING');

-- The table `<tbl>_g<g>` into which a LOADING generation's rows of `tbl` are COPYed: the parent's columns, defaults
-- and NOT NULLs, no index, a CHECK that it holds only generation `g` (so that attaching it does not scan it), the
-- parent's per-column statistics targets, and no autovacuum while it loads (projection_index_loaded turns it back
-- on). A table of that name left from before (a load restarted) is dropped first: the load starts from offset 0.
create or replace function projection_load_table(tbl text, g integer) returns void
language plpgsql as $$
declare
    part text := tbl || '_g' || g;
    col record;
begin
    execute format('drop table if exists %I', part);
    execute format('create table %I (like %I including defaults) with (autovacuum_enabled = false)', part, tbl);
    execute format('alter table %I add constraint %I check (generation = %s)', part, part || '_generation', g);
    for col in
        select a.attname, a.attstattarget from pg_attribute a
        where a.attrelid = tbl::regclass and a.attnum > 0 and not a.attisdropped and a.attstattarget >= 0
    loop
        execute format('alter table %I alter column %I set statistics %s', part, col.attname, col.attstattarget);
    end loop;
end
$$;

-- The parent's keys and indexes built on the loaded table `<tbl>_g<g>` (the same definitions, so that attaching it
-- attaches them instead of building others), those it has already left as they are (a retried call); autovacuum back
-- on. The load drops duplicate keys before its COPY; should a unique key still be repeated (two events with one event
-- id in different stream versions: the indexed path keeps the first it applies, by `on conflict do nothing`), the
-- later rows (by their place in the table: the order they were loaded) are deleted, with a warning, and the key built.
create or replace function projection_index_loaded(tbl text, g integer) returns void
language plpgsql as $$
declare
    part text := tbl || '_g' || g;
    con record;
    idx record;
    def text;
begin
    for con in
        select c.conname, pg_get_constraintdef(c.oid) as def, c.conindid from pg_constraint c
        where c.conrelid = tbl::regclass and c.contype in ('p', 'u')
    loop
        if not exists (select 1 from pg_constraint where conrelid = part::regclass and conname = part || '_' || con.conname) then
            begin
                execute format('alter table %I add constraint %I %s', part, part || '_' || con.conname, con.def);
            exception when unique_violation then
                perform projection_drop_repeated(part, con.conindid);
                execute format('alter table %I add constraint %I %s', part, part || '_' || con.conname, con.def);
            end;
        end if;
    end loop;
    for idx in
        select c.relname, i.indexrelid, pg_get_indexdef(i.indexrelid) as def
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = tbl::regclass
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    loop
        def := regexp_replace(idx.def, '^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+ ',
            'CREATE \1INDEX IF NOT EXISTS ' || quote_ident(part || '_' || idx.relname) || ' ON ' || quote_ident(part) || ' ');
        begin
            execute def;
        exception when unique_violation then
            perform projection_drop_repeated(part, idx.indexrelid);
            execute def;
        end;
    end loop;
    execute format('alter table %I reset (autovacuum_enabled)', part);
end
$$;

-- Deletes the rows of `part` that repeat the key of the parent's unique index `parent_index` (its columns), all but
-- the first loaded of each key (the lowest ctid), with a warning.
create or replace function projection_drop_repeated(part text, parent_index oid) returns void
language plpgsql as $$
declare
    cols text;
    same text;
    deleted bigint;
begin
    select string_agg(quote_ident(a.attname), ', ' order by k.ord),
           string_agg(format('a.%1$I = b.%1$I', a.attname), ' and ' order by k.ord)
    into cols, same
    from pg_index i
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indexrelid = parent_index;
    execute format('delete from %I a using %I b where %s and a.ctid > b.ctid', part, part, same);
    get diagnostics deleted = row_count;
    raise warning 'loaded table %: % row(s) repeating a key (%) deleted, the first loaded kept', part, deleted, cols;
end
$$;
