import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Saved list views: a name plus the list's filter, sort, columns and layout, kept per form. A view is
 * personal (only its owner sees it) or shared (every reader of the form sees it; only its owner changes
 * it). A table rather than a definition kind: views are edited in place by workspace users, they are not
 * versions that records pin, and "mine or shared" is one indexed lookup.
 */
export const savedViewsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table saved_views (
        id bigserial primary key,
        app text not null,
        form text not null,
        owner_id text not null references users (id) on delete cascade,
        shared boolean not null default false,
        name jsonb not null,
        body jsonb not null,
        created_at timestamptz(3) not null default now(),
        updated_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create index saved_views_form on saved_views (app, form, owner_id)`.execute(db);
  },
};
