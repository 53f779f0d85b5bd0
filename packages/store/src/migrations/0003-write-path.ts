import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { ACCESS_CHANNEL } from '../access-cache';

/** Tables whose changes can change who a credential is or what a user may do in a form. */
const ACCESS_TABLES = ['users', 'sessions', 'api_tokens', 'org_units', 'roles', 'memberships', 'forms'] as const;

/**
 * The write path's schema:
 *
 * - Idempotency keys belong to the user who sent them: unique per form + creator + key (two clerks'
 *   offline queues may both number their submissions from 1), and the record keeps a fingerprint of the
 *   request that made it, so the same key with another body is refused instead of answered.
 * - Every change to credentials, users, roles, memberships, org units or the forms registry notifies
 *   `tangram_access` (once per statement, at commit): each server process caches sessions, tokens,
 *   resolved access and the latest form versions, and drops them when it hears this.
 */
export const writePathMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`drop index if exists records_idempotency`.execute(db);
    await sql`alter table records add column idempotency_fingerprint text`.execute(db);
    await sql`
      create unique index records_idempotency on records (form_id, coalesce(created_by, ''), idempotency_key)
      where idempotency_key is not null`.execute(db);

    await sql`
      create function tangram_notify_access() returns trigger language plpgsql as $$
      begin
        perform pg_notify(${sql.lit(ACCESS_CHANNEL)}, tg_table_name);
        return null;
      end $$`.execute(db);
    for (const table of ACCESS_TABLES) {
      // A new session or token changes nothing a cache holds (an unknown secret is never cached).
      const events = table === 'sessions' || table === 'api_tokens' ? 'update or delete' : 'insert or update or delete';
      await sql.raw(`create trigger ${table}_notify_access after ${events} on ${table} for each statement execute function tangram_notify_access()`).execute(db);
    }
  },
};
