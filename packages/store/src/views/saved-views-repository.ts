import { sql, type Kysely } from 'kysely';
import type { LocalizedText, ViewSettings } from '@tangram/schema';
import { isRecordId } from '../record-reads';
import { toIso } from '../sql-util';

/** What a view reproduces; kept as one document per view. */
export type SavedViewBody = ViewSettings;

export interface SavedView extends SavedViewBody {
  readonly id: string;
  readonly app: string;
  readonly form: string;
  readonly ownerId: string;
  readonly shared: boolean;
  readonly name: LocalizedText;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewSavedView extends SavedViewBody {
  readonly name: LocalizedText;
  readonly shared: boolean;
}

export type SavedViewChange = Partial<NewSavedView>;

/**
 * Saved list views of a form. The repository stores and finds; who may see or change which view is the
 * caller's decision (the routes): `list` already returns only the user's own views and shared ones.
 */
export interface SavedViewsRepository {
  /** The user's own views and every shared view of the form: shared first, then by name. */
  list(app: string, form: string, userId: string): Promise<readonly SavedView[]>;
  get(app: string, form: string, id: string): Promise<SavedView | null>;
  create(app: string, form: string, ownerId: string, input: NewSavedView): Promise<SavedView>;
  /** null when there is no such view. */
  update(app: string, form: string, id: string, change: SavedViewChange): Promise<SavedView | null>;
  remove(app: string, form: string, id: string): Promise<boolean>;
}

interface Row {
  id: string; app: string; form: string; owner_id: string; shared: boolean; name: LocalizedText;
  body: SavedViewBody; created_at: Date | string; updated_at: Date | string;
}

const toView = (row: Row): SavedView =>
  Object.freeze({
    id: String(row.id), app: row.app, form: row.form, ownerId: row.owner_id, shared: row.shared, name: Object.freeze({ ...row.name }),
    filter: row.body.filter ?? null, sort: row.body.sort ?? null, columns: Object.freeze([...(row.body.columns ?? [])]),
    layout: row.body.layout ?? 'table', groupBy: row.body.groupBy ?? null,
    createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at),
  });

const bodyOf = (view: SavedViewBody): SavedViewBody => ({
  filter: view.filter, sort: view.sort, columns: view.columns, layout: view.layout, groupBy: view.groupBy,
});

const SELECT = sql`id::text as id, app, form, owner_id, shared, name, body, created_at, updated_at`;

export function createSavedViewsRepository(db: Kysely<any>): SavedViewsRepository {
  const get = async (app: string, form: string, id: string): Promise<SavedView | null> => {
    // Ids are bigserial: anything else names no view (and must not reach the database as a bad cast).
    if (!isRecordId(id)) return null;
    const { rows } = await sql<Row>`select ${SELECT} from saved_views where app = ${app} and form = ${form} and id = ${id}::bigint`.execute(db);
    return rows[0] ? toView(rows[0]) : null;
  };
  return Object.freeze({
    async list(app, form, userId) {
      const { rows } = await sql<Row>`
        select ${SELECT} from saved_views
        where app = ${app} and form = ${form} and (owner_id = ${userId} or shared)
        order by shared desc, coalesce(name->>'zh-CN', name->>'en'), id`.execute(db);
      return rows.map(toView);
    },
    get,
    async create(app, form, ownerId, input) {
      const { rows } = await sql<Row>`
        insert into saved_views (app, form, owner_id, shared, name, body)
        values (${app}, ${form}, ${ownerId}, ${input.shared}, ${JSON.stringify(input.name)}::jsonb, ${JSON.stringify(bodyOf(input))}::jsonb)
        returning ${SELECT}`.execute(db);
      return toView(rows[0]!);
    },
    async update(app, form, id, change) {
      const current = await get(app, form, id);
      if (!current) return null;
      const next = { ...current, ...change };
      const { rows } = await sql<Row>`
        update saved_views set shared = ${next.shared}, name = ${JSON.stringify(next.name)}::jsonb,
          body = ${JSON.stringify(bodyOf(next))}::jsonb, updated_at = now()
        where app = ${app} and form = ${form} and id = ${id}::bigint
        returning ${SELECT}`.execute(db);
      return rows[0] ? toView(rows[0]) : null;
    },
    async remove(app, form, id) {
      if (!isRecordId(id)) return false;
      const result = await db.deleteFrom('saved_views').where('app', '=', app).where('form', '=', form).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  } satisfies SavedViewsRepository);
}
