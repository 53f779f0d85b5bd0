import { sql, type Kysely } from 'kysely';
import type { Actor, FormAccess } from '../api';
import { StoreError } from '../errors';
import { visibleRows } from '../record-scope';
import { scopeContext, type RecordsContext } from '../records-context';
import type { PublicForm, PublicFormSettings } from './public-form-settings';

export interface PublicFormsRepository {
  get(app: string, form: string): Promise<PublicForm | null>;
  /** The row a share token names, enabled or not (the caller decides what a disabled one answers). */
  findByToken(token: string): Promise<PublicForm | null>;
  /** Creates the row with `token` when the form has none yet; otherwise keeps its token. */
  save(actor: Actor, app: string, form: string, input: { enabled: boolean; settings: PublicFormSettings }, token: string): Promise<PublicForm>;
  /** Replaces the token: the old link stops working at once. Null when the form has no public settings. */
  rotateToken(actor: Actor, app: string, form: string, token: string): Promise<PublicForm | null>;
  /**
   * Appends a `resubmitted` event to a record the visitor submitted again (the duplicate window), with
   * what they sent as `diff` ([stored, sent] per field that differs), plus an outbox entry for rules.
   */
  recordResubmission(actor: Actor, access: FormAccess, recordId: string, diff: Readonly<Record<string, readonly [unknown, unknown]>>): Promise<void>;
}

interface PublicFormRow {
  app: string;
  form: string;
  token: string;
  enabled: boolean;
  settings: PublicFormSettings;
  updated_at: Date | string;
}

const toPublicForm = (row: PublicFormRow): PublicForm =>
  Object.freeze({
    app: row.app, form: row.form, token: row.token, enabled: row.enabled,
    settings: Object.freeze(row.settings), updatedAt: new Date(row.updated_at).toISOString(),
  });

export function createPublicFormsRepository(db: Kysely<any>, records: (app: string, form: string) => RecordsContext): PublicFormsRepository {
  const one = async (query: ReturnType<typeof sql<PublicFormRow>>) => {
    const { rows } = await query.execute(db);
    return rows[0] ? toPublicForm(rows[0]) : null;
  };
  return Object.freeze({
    get: (app, form) => one(sql<PublicFormRow>`select * from public_forms where app = ${app} and form = ${form}`),
    findByToken: (token) => one(sql<PublicFormRow>`select * from public_forms where token = ${token}`),
    async save(actor, app, form, input, token) {
      const saved = await one(sql<PublicFormRow>`
        insert into public_forms (app, form, token, enabled, settings, updated_by)
        values (${app}, ${form}, ${token}, ${input.enabled}, ${JSON.stringify(input.settings)}::jsonb, ${actor.userId})
        on conflict (app, form) do update
          set enabled = excluded.enabled, settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()
        returning *`);
      return saved!;
    },
    rotateToken: (actor, app, form, token) =>
      one(sql<PublicFormRow>`
        update public_forms set token = ${token}, updated_by = ${actor.userId}, updated_at = now()
        where app = ${app} and form = ${form} returning *`),
    async recordResubmission(actor, access, recordId, diff) {
      const ctx = records(access.app, access.form);
      const scope = scopeContext(ctx, await ctx.layout(), access);
      if (!/^\d{1,18}$/.test(recordId)) throw new StoreError('ERR_NOT_FOUND', `record ${recordId} not found`, { params: { id: recordId } });
      const { rows } = await sql<{ id: string }>`
        with target as (select r.id, r.form_id, r.version from ${visibleRows(scope, { action: 'read' })} and r.id = ${recordId}::bigint),
        e as (
          insert into record_events (record_id, form_id, kind, actor_id, via, diff)
          select id, form_id, 'resubmitted', ${actor.userId}::text, ${actor.via}::text, ${JSON.stringify(diff)}::jsonb from target
        ), o as (
          insert into outbox (topic, payload)
          select 'record.resubmitted', jsonb_build_object('app', ${access.app}::text, 'form', ${access.form}::text, 'id', id::text, 'version', version) from target
        )
        select id::text as id from target`.execute(ctx.db);
      if (rows.length === 0) throw new StoreError('ERR_NOT_FOUND', `record ${recordId} not found`, { params: { id: recordId } });
    },
  } satisfies PublicFormsRepository);
}
