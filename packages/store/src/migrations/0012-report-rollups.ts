import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Report roll-ups, kept exact by the writing statement itself (reports/rollups.ts), in its own transaction:
 * a roll-up is never behind a committed write, and a rolled-back write leaves it unchanged. Two kinds:
 *
 * - `cells`: partial aggregates per cell. `add_sql` / `remove_sql` are its delta statements over the
 *   statement's transition tables `new_rows` / `old_rows`. Deltas are appended, never updated in place, so
 *   concurrent writers don't wait on each other's cells; `compacted_at` tells when the table was last
 *   folded into one row per cell.
 * - `records`: one row per record (a funnel's stage times). `refresh_sql` rewrites the rows of the record
 *   ids it is given ($1) from the records and their events as they now are; writes to either table run it.
 *
 * PostgreSQL allows a transition table on a trigger of one event only, hence three triggers per table.
 */
export const reportRollupsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table report_rollups (
        id int generated always as identity primary key,
        form_id int not null,
        kind text not null check (kind in ('cells', 'records')),
        layout_version int not null,
        signature text not null unique,
        table_name text not null unique,
        add_sql text,
        remove_sql text,
        refresh_sql text,
        created_at timestamptz(3) not null default now(),
        compacted_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create index report_rollups_form on report_rollups (form_id)`.execute(db);
    await sql`
      create function tangram_rollups_of_records() returns trigger language plpgsql as $$
      declare
        delta text;
        ids bigint[];
        forms int[];
      begin
        -- Most databases have no roll-up at all: one probe of an empty table, then nothing.
        if not exists (select 1 from report_rollups) then
          return null;
        end if;
        if tg_op <> 'DELETE' then
          for delta in select u.add_sql from report_rollups u
            where u.kind = 'cells' and u.form_id in (select distinct n.form_id from new_rows n) order by u.id loop
            execute delta;
          end loop;
        end if;
        if tg_op <> 'INSERT' then
          for delta in select u.remove_sql from report_rollups u
            where u.kind = 'cells' and u.form_id in (select distinct o.form_id from old_rows o) order by u.id loop
            execute delta;
          end loop;
        end if;
        if exists (select 1 from report_rollups u where u.kind = 'records') then
          if tg_op = 'INSERT' then
            ids := array(select n.id from new_rows n);
            forms := array(select distinct n.form_id from new_rows n);
          elsif tg_op = 'DELETE' then
            ids := array(select o.id from old_rows o);
            forms := array(select distinct o.form_id from old_rows o);
          else
            ids := array(select n.id from new_rows n union select o.id from old_rows o);
            forms := array(select n.form_id from new_rows n union select o.form_id from old_rows o);
          end if;
          for delta in select u.refresh_sql from report_rollups u where u.kind = 'records' and u.form_id = any(forms) order by u.id loop
            execute delta using ids;
          end loop;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create function tangram_rollups_of_events() returns trigger language plpgsql as $$
      declare
        delta text;
        ids bigint[];
        forms int[];
      begin
        if not exists (select 1 from report_rollups u where u.kind = 'records') then
          return null;
        end if;
        if tg_op = 'INSERT' then
          ids := array(select distinct n.record_id from new_rows n);
          forms := array(select distinct n.form_id from new_rows n);
        elsif tg_op = 'DELETE' then
          ids := array(select distinct o.record_id from old_rows o);
          forms := array(select distinct o.form_id from old_rows o);
        else
          ids := array(select n.record_id from new_rows n union select o.record_id from old_rows o);
          forms := array(select n.form_id from new_rows n union select o.form_id from old_rows o);
        end if;
        for delta in select u.refresh_sql from report_rollups u where u.kind = 'records' and u.form_id = any(forms) order by u.id loop
          execute delta using ids;
        end loop;
        return null;
      end $$`.execute(db);
    for (const [table, fn] of [['records', 'tangram_rollups_of_records'], ['record_events', 'tangram_rollups_of_events']] as const) {
      await sql`create trigger ${sql.id(`${table}_rollups_insert`)} after insert on ${sql.id(table)} referencing new table as new_rows
        for each statement execute function ${sql.id(fn)}()`.execute(db);
      await sql`create trigger ${sql.id(`${table}_rollups_update`)} after update on ${sql.id(table)} referencing old table as old_rows new table as new_rows
        for each statement execute function ${sql.id(fn)}()`.execute(db);
      await sql`create trigger ${sql.id(`${table}_rollups_delete`)} after delete on ${sql.id(table)} referencing old table as old_rows
        for each statement execute function ${sql.id(fn)}()`.execute(db);
    }
  },
};
