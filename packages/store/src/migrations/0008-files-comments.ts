import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Attachments and comments (docs/storage.md, "Files" and "Comments").
 * - `files`: the uploaded bytes in `bytea`, in the same database as the records, so Tangram stays one
 *   database to run, back up and restore. PostgreSQL stores large values out of line (TOAST), so reading
 *   a file's metadata never reads its bytes. A file belongs to one field of one form; `record_id` is set
 *   when a record write first references it, and from then on reading the file is reading that record.
 *   `thumbnail` caches the small preview of an image.
 * - Comments are record events of kind `commented` with the text in `comment`: one ordered stream for
 *   the timeline and the audit trail, paged by event id.
 */
export const filesCommentsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`
      create table files (
        id text primary key default gen_random_uuid()::text,
        app text not null,
        form text not null,
        field text not null,
        name text not null,
        mime text not null,
        size int not null,
        sha256 text not null,
        content bytea not null,
        thumbnail bytea,
        uploaded_by text,
        record_id bigint,
        created_at timestamptz(3) not null default now()
      )`.execute(db);
    await sql`create index files_record on files (record_id) where record_id is not null`.execute(db);
    // Uploads no record took: found per uploader when their old ones are swept (files-repository.ts).
    await sql`create index files_unattached on files (uploaded_by, created_at) where record_id is null`.execute(db);
    await sql`alter table record_events add column comment text`.execute(db);
    await sql`alter table record_events drop constraint record_events_kind_check`.execute(db);
    await sql`
      alter table record_events add constraint record_events_kind_check
      check (kind in ('created', 'updated', 'deleted', 'restored', 'resubmitted', 'commented'))`.execute(db);
  },
};
