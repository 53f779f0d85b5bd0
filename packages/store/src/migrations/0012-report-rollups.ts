import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Report roll-ups: per report shape, a table of partial aggregates kept exact by the writing statement
 * itself (reports/rollups.ts). `add_sql` / `remove_sql` are the shape's delta statements over the
 * statement's transition tables `new_rows` / `old_rows`; every write to `records` runs those of the forms
 * it touched, in its own transaction, so a roll-up is never behind a committed write and a rolled-back
 * write leaves it unchanged. Deltas are appended (no row is updated in place), so concurrent writers never
 * wait on each other's cells; `compacted_at` tells when the table was last folded into one row per cell.
 *
 * PostgreSQL allows a transition table on a trigger of one event only, hence three triggers on one function.
 */
export const reportRollupsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table report_rollups (
        id int generated always as identity primary key,
        form_id int not null,
        layout_version int not null,
        signature text not null unique,
        table_name text not null unique,
        add_sql text not null,
        remove_sql text not null,
        created_at timestamptz(3) not null default now(),
        compacted_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create index report_rollups_form on report_rollups (form_id)`.execute(db);
    await sql`
      create function tangram_rollup_deltas() returns trigger language plpgsql as $$
      declare
        delta text;
      begin
        -- Most databases have no roll-up at all: one probe of an empty table, then nothing.
        if not exists (select 1 from report_rollups) then
          return null;
        end if;
        if tg_op <> 'DELETE' then
          for delta in select u.add_sql from report_rollups u where u.form_id in (select distinct n.form_id from new_rows n) order by u.id loop
            execute delta;
          end loop;
        end if;
        if tg_op <> 'INSERT' then
          for delta in select u.remove_sql from report_rollups u where u.form_id in (select distinct o.form_id from old_rows o) order by u.id loop
            execute delta;
          end loop;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger records_rollups_insert after insert on records referencing new table as new_rows
      for each statement execute function tangram_rollup_deltas()`.execute(db);
    await sql`create trigger records_rollups_update after update on records referencing old table as old_rows new table as new_rows
      for each statement execute function tangram_rollup_deltas()`.execute(db);
    await sql`create trigger records_rollups_delete after delete on records referencing old table as old_rows
      for each statement execute function tangram_rollup_deltas()`.execute(db);
  },
};
