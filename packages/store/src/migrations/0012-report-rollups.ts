import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The registry of report roll-ups (reports/rollups.ts): one row per roll-up, its table, the time its
 * deltas were last folded and the day a report last read it (a few rows, read by their unique signature).
 * Each roll-up brings its own trigger function and statement triggers on `records` (and `record_events`
 * for a funnel), made with it and dropped with it, so a database without roll-ups runs no trigger at all,
 * and each roll-up's statements are plain SQL whose plans PL/pgSQL keeps (an EXECUTE of the same text
 * plans it again on every write).
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
        created_at timestamptz(3) not null default now(),
        compacted_at timestamptz(3) not null default now(),
        used_at timestamptz(3) not null default now()
      )`.execute(db);
  },
};
