import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Fewer index entries per written record:
 *
 * - Per-form slot indexes are built when a list first filters or sorts on the slot, no longer at publish
 *   (see slot-indexes.ts). `form_fields.slot_indexed` says the field's slot has its valid index, so reads
 *   don't ask again. Forms published before keep the indexes they have; their fields are marked from the
 *   catalog.
 * - `outbox_pending` is dropped: nothing reads the outbox yet (realtime travels by NOTIFY), so no row is
 *   ever marked done and the partial index was a second copy of the primary key that every create,
 *   update and delete maintained. The rule worker brings the index its claim query needs.
 */
export const writeIndexesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`alter table form_fields add column slot_indexed boolean not null default false`.execute(db);
    await sql`
      update form_fields f set slot_indexed = true
      where f.slot is not null and exists (
        select 1 from pg_class c join pg_index i on i.indexrelid = c.oid
        where c.relname = 'records_f' || f.form_id || '_' || f.slot and i.indisvalid
      )`.execute(db);
    await sql`drop index if exists outbox_pending`.execute(db);
  },
};
