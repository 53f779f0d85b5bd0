/**
 * Uploaded files, bytes and all, in the `files` table (docs/storage.md, "Files"). The repository stores
 * and fetches; who may upload, read or attach a file is decided by the server from the file's form,
 * field, uploader and record.
 *
 *   const file = await store.files.create({ app: 'crm', form: 'customer', field: 'photos', name: 'a.png', mime: 'image/png', content, uploadedBy: u });
 *   await store.files.attach([file.id], '42');   // first record write that references it
 *   (await store.files.get(file.id))?.recordId    // '42'
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { FilesRepository, NewFile, StoredFile } from '../api';
import { toIso } from '../sql-util';

interface FileRow {
  id: string; app: string; form: string; field: string; name: string; mime: string; size: number; sha256: string;
  uploaded_by: string | null; record_id: string | null; record_key: string | null; created_at: Date | string; has_thumbnail: boolean;
}

const COLUMNS = sql`id, app, form, field, name, mime, size, sha256, uploaded_by, record_id::text as record_id, created_at, thumbnail is not null as has_thumbnail,
  (select r.idempotency_key from records r where r.id = files.record_id and r.created_by = files.uploaded_by) as record_key`;
/** Ids are UUIDs made by the database; anything else matches nothing (and never reaches a cast). */
const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isFileId(id: unknown): id is string {
  return typeof id === 'string' && FILE_ID.test(id);
}

function toStored(row: FileRow): StoredFile {
  return Object.freeze({
    id: row.id, app: row.app, form: row.form, field: row.field, name: row.name, mime: row.mime, size: Number(row.size),
    sha256: row.sha256, uploadedBy: row.uploaded_by, recordId: row.record_id, recordIdempotencyKey: row.record_key ?? null, createdAt: toIso(row.created_at), hasThumbnail: row.has_thumbnail,
  });
}

const bytes = (value: Uint8Array | null | undefined): Uint8Array | null => (value ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : null);

export function createFilesRepository(db: Kysely<any>): FilesRepository {
  return Object.freeze({
    async create(input: NewFile): Promise<StoredFile> {
      const sha256 = createHash('sha256').update(input.content).digest('hex');
      const { rows } = await sql<FileRow>`
        insert into files (app, form, field, name, mime, size, sha256, content, thumbnail, uploaded_by)
        values (${input.app}, ${input.form}, ${input.field}, ${input.name}, ${input.mime}, ${input.content.byteLength}, ${sha256},
          ${input.content}, ${input.thumbnail ?? null}, ${input.uploadedBy})
        returning ${COLUMNS}`.execute(db);
      return toStored(rows[0]!);
    },
    async get(id: string): Promise<StoredFile | null> {
      if (!isFileId(id)) return null;
      const { rows } = await sql<FileRow>`select ${COLUMNS} from files where id = ${id}`.execute(db);
      return rows[0] ? toStored(rows[0]) : null;
    },
    async getMany(ids: readonly string[]): Promise<readonly StoredFile[]> {
      const valid = [...new Set(ids.filter(isFileId))];
      if (valid.length === 0) return [];
      const { rows } = await sql<FileRow>`select ${COLUMNS} from files where id = any(${valid}::text[])`.execute(db);
      return rows.map(toStored);
    },
    async content(id: string): Promise<Uint8Array | null> {
      if (!isFileId(id)) return null;
      const { rows } = await sql<{ content: Uint8Array }>`select content from files where id = ${id}`.execute(db);
      return bytes(rows[0]?.content);
    },
    async thumbnail(id: string): Promise<Uint8Array | null> {
      if (!isFileId(id)) return null;
      const { rows } = await sql<{ thumbnail: Uint8Array | null }>`select thumbnail from files where id = ${id}`.execute(db);
      return bytes(rows[0]?.thumbnail);
    },
    async setThumbnail(id: string, thumbnail: Uint8Array): Promise<void> {
      await sql`update files set thumbnail = ${thumbnail} where id = ${id}`.execute(db);
    },
    async attach(ids: readonly string[], recordId: string): Promise<void> {
      const valid = [...new Set(ids.filter(isFileId))];
      if (valid.length === 0) return;
      // Only files no record holds yet: a file, once attached, stays with its first record.
      await sql`update files set record_id = ${recordId}::bigint where id = any(${valid}::text[]) and record_id is null`.execute(db);
    },
    async removeUnattached(uploadedBy: string, before: Date): Promise<number> {
      const { rows } = await sql<{ c: number }>`
        with d as (delete from files where uploaded_by = ${uploadedBy} and record_id is null and created_at < ${before} returning 1)
        select count(*) as c from d`.execute(db);
      return Number(rows[0]!.c);
    },
  });
}
