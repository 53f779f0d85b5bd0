import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Public forms (lead capture): one row per published-as-public form. A table rather than a definition
 * kind because the share token is looked up on every anonymous request (a unique index answers it), and
 * settings such as the token change in place: they are not versions records pin.
 * Records submitted again through a public form (same phone within the window) get a `resubmitted` event.
 */
export const publicFormsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table public_forms (
        app text not null,
        form text not null,
        token text not null,
        enabled boolean not null default false,
        settings jsonb not null,
        updated_by text,
        updated_at timestamptz(3) not null default now(),
        primary key (app, form)
      )`.execute(db);
    await sql`create unique index public_forms_token on public_forms (token)`.execute(db);
    await sql`alter table record_events drop constraint record_events_kind_check`.execute(db);
    await sql`
      alter table record_events add constraint record_events_kind_check
      check (kind in ('created', 'updated', 'deleted', 'restored', 'resubmitted'))`.execute(db);
  },
};
