import type { Kysely } from 'kysely';
import type { AppDefinition, DefinitionKind, DefinitionVersion, FormDefinition } from '@tangram/schema';
import type { Actor, DefinitionsRepository } from './api';
import { StoreError } from './errors';
import { applyFormLayout } from './form-layout';
import { isUniqueViolation, toIso } from './sql-util';

interface DefinitionRow {
  id: number | string; app: string; kind: DefinitionKind; key: string; version: number; status: 'draft' | 'published';
  body: unknown; note: string | null; author: string | null; created_at: Date;
}

function toDefinition(row: DefinitionRow): DefinitionVersion {
  return Object.freeze({
    id: String(row.id), app: row.app, kind: row.kind, key: row.key, version: row.version, status: row.status,
    body: row.body, ...(row.note !== null ? { note: row.note } : {}), author: row.author, createdAt: toIso(row.created_at),
  });
}

function toApp(row: { id: number | string; body: AppDefinition }): AppDefinition & { id: string } {
  return Object.freeze({ ...row.body, id: String(row.id) });
}

/**
 * Versioned definitions: version 0 is the editable draft; `publish` copies it into version n+1, which a
 * trigger keeps from ever changing. Publishing a form also maps its fields onto slots and builds indexes
 * (see form-layout.ts), in the same transaction, so a published form is always ready for records.
 */
/** `indexDdl` runs a form's publish under the lock that keeps it from racing a slot-index build (slot-indexes.ts). */
export function createDefinitionsRepository(
  db: Kysely<any>, onFormPublished: (app: string, form: string) => void, indexDdl: <T>(fn: () => Promise<T>) => Promise<T>,
): DefinitionsRepository {
  const definitions = () => db.selectFrom('definitions').selectAll();
  return {
    async listApps() {
      const rows = await db.selectFrom('apps').select(['id', 'body']).orderBy('key').execute();
      return rows.map(toApp);
    },
    async getApp(key) {
      const row = await db.selectFrom('apps').select(['id', 'body']).where('key', '=', key).executeTakeFirst();
      return row ? toApp(row) : null;
    },
    async createApp(actor: Actor, app: AppDefinition) {
      try {
        const row = await db.insertInto('apps').values({ key: app.key, body: JSON.stringify(app), created_by: actor.userId })
          .returning(['id', 'body']).executeTakeFirstOrThrow();
        return toApp(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreError('ERR_CONFLICT', `app ${app.key} already exists`, { path: '/key', params: { key: app.key } });
        throw error;
      }
    },
    async list(app, kind) {
      // The draft and the newest published version of every key.
      const rows = await db.selectFrom('definitions as d').selectAll()
        .where('d.app', '=', app).where('d.kind', '=', kind)
        .where((eb) => eb.or([
          eb('d.version', '=', 0),
          eb('d.version', '=', eb.selectFrom('definitions as p').select((p) => p.fn.max('p.version').as('v'))
            .where('p.app', '=', app).where('p.kind', '=', kind).whereRef('p.key', '=', 'd.key')),
        ]))
        .orderBy('d.key').orderBy('d.version').execute();
      return (rows as DefinitionRow[]).map(toDefinition);
    },
    async getDraft(app, kind, key) {
      const row = await definitions().where('app', '=', app).where('kind', '=', kind).where('key', '=', key).where('version', '=', 0).executeTakeFirst();
      return row ? toDefinition(row as DefinitionRow) : null;
    },
    async getPublished(app, kind, key, version) {
      let query = definitions().where('app', '=', app).where('kind', '=', kind).where('key', '=', key).where('status', '=', 'published');
      query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
      const row = await query.executeTakeFirst();
      return row ? toDefinition(row as DefinitionRow) : null;
    },
    async latestPublishedVersion(app, kind, key) {
      const row = await db.selectFrom('definitions').select('version')
        .where('app', '=', app).where('kind', '=', kind).where('key', '=', key).where('status', '=', 'published')
        .orderBy('version', 'desc').limit(1).executeTakeFirst();
      return row ? Number(row.version) : null;
    },
    async saveDraft(actor, app, kind, key, body) {
      const row = await db.insertInto('definitions')
        .values({ app, kind, key, version: 0, status: 'draft', body: JSON.stringify(body), author: actor.userId })
        .onConflict((oc) => oc.columns(['app', 'kind', 'key', 'version']).doUpdateSet({
          body: JSON.stringify(body), author: actor.userId, created_at: new Date(),
        }))
        .returningAll().executeTakeFirstOrThrow();
      return toDefinition(row as DefinitionRow);
    },
    async publish(actor, app, kind, key, note) {
      const inTransaction = () => db.transaction().execute(async (trx) => {
        // Serialise publishers of one definition: the version number is max + 1.
        const draft = await trx.selectFrom('definitions').selectAll()
          .where('app', '=', app).where('kind', '=', kind).where('key', '=', key).where('version', '=', 0)
          .forUpdate().executeTakeFirst();
        if (!draft) throw new StoreError('ERR_NOT_FOUND', `no draft of ${kind} ${key}`, { params: { app, kind, key } });
        const latest = await trx.selectFrom('definitions').select((eb) => eb.fn.max('version').as('v'))
          .where('app', '=', app).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
        const version = Number(latest?.v ?? 0) + 1;
        const row = await trx.insertInto('definitions')
          .values({ app, kind, key, version, status: 'published', body: JSON.stringify(draft.body), note: note ?? null, author: actor.userId })
          .returningAll().executeTakeFirstOrThrow();
        if (kind === 'form') await applyFormLayout(trx, app, { ...(draft.body as FormDefinition), key }, version);
        return toDefinition(row as DefinitionRow);
      });
      if (kind !== 'form') return inTransaction();
      const published = await indexDdl(inTransaction);
      onFormPublished(app, key);
      return published;
    },
  };
}
