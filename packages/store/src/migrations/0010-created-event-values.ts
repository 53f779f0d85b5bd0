import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A `created` event's diff becomes the created values (`{field: value}`) instead of `{field: [null, value]}`:
 * the insert then journals the datum it stores rather than building a second document per record, which
 * was a quarter of a batch insert's time (record-insert.ts). Readers expand it back (`toRecordEvent`).
 */
export const createdEventValuesMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      update record_events set diff = coalesce((select jsonb_object_agg(k.key, k.value -> 1) from jsonb_each(diff) k), '{}'::jsonb)
      where kind = 'created'`.execute(db);
  },
};
