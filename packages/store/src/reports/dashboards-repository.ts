import { sql, type Kysely } from 'kysely';
import type { Actor } from '../api';
import { StoreError } from '../errors';
import { isUniqueViolation, toIso } from '../sql-util';

export interface StoredDashboard {
  readonly key: string;
  readonly body: unknown;
  readonly updatedAt: string;
}

/**
 * Dashboards are definitions of kind 'dashboard' (the `definitions` table), kept as their working copy
 * (version 0): a dashboard is edited in place and deleted outright, it has no published history that
 * records would pin. Bodies are validated by the caller (`validateDashboard`).
 */
export interface DashboardsRepository {
  list(app: string): Promise<readonly StoredDashboard[]>;
  get(app: string, key: string): Promise<StoredDashboard | null>;
  /** ERR_CONFLICT when the key is taken. */
  create(actor: Actor, app: string, key: string, body: unknown): Promise<StoredDashboard>;
  /** null when there is no such dashboard. */
  replace(actor: Actor, app: string, key: string, body: unknown): Promise<StoredDashboard | null>;
  remove(app: string, key: string): Promise<boolean>;
  /** The role keys a user holds in an app (at any org unit): what picks their default dashboard. */
  rolesOf(userId: string, app: string): Promise<readonly string[]>;
}

interface Row { key: string; body: unknown; created_at: Date | string }
const toStored = (row: Row): StoredDashboard => Object.freeze({ key: row.key, body: row.body, updatedAt: toIso(row.created_at) });

export function createDashboardsRepository(db: Kysely<any>): DashboardsRepository {
  const draft = (app: string) => db.selectFrom('definitions').select(['key', 'body', 'created_at'])
    .where('app', '=', app).where('kind', '=', 'dashboard').where('version', '=', 0);
  return Object.freeze({
    async list(app: string) {
      return (await draft(app).orderBy('key').execute()).map((r) => toStored(r as Row));
    },
    async get(app: string, key: string) {
      const row = await draft(app).where('key', '=', key).executeTakeFirst();
      return row ? toStored(row as Row) : null;
    },
    async create(actor: Actor, app: string, key: string, body: unknown) {
      try {
        const row = await db.insertInto('definitions')
          .values({ app, kind: 'dashboard', key, version: 0, status: 'draft', body: JSON.stringify(body), author: actor.userId })
          .returning(['key', 'body', 'created_at']).executeTakeFirstOrThrow();
        return toStored(row as Row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreError('ERR_CONFLICT', `dashboard ${key} exists`, { path: '/key', params: { key } });
        throw error;
      }
    },
    async replace(actor: Actor, app: string, key: string, body: unknown) {
      const row = await db.updateTable('definitions').set({ body: JSON.stringify(body), author: actor.userId, created_at: sql`now()` })
        .where('app', '=', app).where('kind', '=', 'dashboard').where('key', '=', key).where('version', '=', 0)
        .returning(['key', 'body', 'created_at']).executeTakeFirst();
      return row ? toStored(row as Row) : null;
    },
    async remove(app: string, key: string) {
      const result = await db.deleteFrom('definitions').where('app', '=', app).where('kind', '=', 'dashboard').where('key', '=', key).where('version', '=', 0).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async rolesOf(userId: string, app: string) {
      const rows = await db.selectFrom('memberships').select('role').distinct().where('user_id', '=', userId).where('app', '=', app).orderBy('role').execute();
      return rows.map((r) => r.role as string);
    },
  });
}
