import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The idempotency keys of whole batches (an import's half chunk): one row per batch instead of a keyed
 * unique index entry per record. The batch's insert claims its key in the same statement that stores its
 * records, so a batch whose key is here was stored whole, and a retry of it stores nothing.
 */
export const recordBatchesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table record_batches (
        form_id int not null,
        created_by text not null default '',
        key text not null,
        at timestamptz(3) not null default now(),
        primary key (form_id, created_by, key)
      )`.execute(db);
  },
};
