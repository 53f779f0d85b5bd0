import { sql, type Kysely } from 'kysely';
import type { RecordView } from '@tangram/schema';
import type { Actor, FormAccess, NewRecord } from '../api';
import { StoreError } from '../errors';
import { listRecords } from '../record-reads';
import { visibleRows } from '../record-scope';
import { createRecords } from '../record-writes';
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
   * Stores one public submission: a new record, or — when a live record has the same value of
   * `duplicate.field` created at or after `duplicate.since` — a `resubmitted` event on that record instead.
   * The lookup and the write hold a transaction-scoped advisory lock on (form, field, value), so two
   * submissions of the same phone at the same instant still make one record.
   */
  submit(actor: Actor, access: FormAccess, formVersion: number, input: NewRecord, duplicate: { readonly field: string; readonly since: Date } | null): Promise<PublicSubmission>;
}

export type PublicSubmission =
  | { readonly kind: 'created'; readonly record: RecordView }
  | { readonly kind: 'resubmitted'; readonly recordId: string };

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
    async submit(actor, access, formVersion, input, duplicate) {
      const value = duplicate ? input.data[duplicate.field] : undefined;
      if (!duplicate || value === undefined || value === null || value === '') {
        return { kind: 'created', record: (await createRecords(records(access.app, access.form), actor, access, formVersion, [input]))[0]! };
      }
      // The form's layout is read before the transaction and handed in: on PGlite (one connection) a layout
      // reload through `db` inside the transaction would wait for the transaction itself.
      const outside = records(access.app, access.form);
      const layout = await outside.layout(formVersion);
      return db.transaction().execute(async (trx) => {
        const ctx: RecordsContext = { ...outside, db: trx, layout: async () => layout };
        await sql`select pg_advisory_xact_lock(hashtext(${`${access.app}/${access.form}/${duplicate.field}/${JSON.stringify(value)}`}))`.execute(trx);
        const page = await listRecords(ctx, access, {
          filter: { '==': [{ var: duplicate.field }, value as string] },
          sort: [{ field: 'createdAt', direction: 'desc' }],
          limit: 1,
        });
        const existing = page.items[0];
        if (existing && Date.parse(existing.createdAt) >= duplicate.since.getTime()) {
          await appendResubmission(ctx, actor, access, existing.id, changedFields(existing.data, input.data));
          return { kind: 'resubmitted', recordId: existing.id } as const;
        }
        return { kind: 'created', record: (await createRecords(ctx, actor, access, formVersion, [input]))[0]! } as const;
      });
    },
  } satisfies PublicFormsRepository);
}

/** What a visitor sent that differs from the stored record: field -> [stored, sent]. */
function changedFields(stored: Readonly<Record<string, unknown>>, sent: Readonly<Record<string, unknown>>): Record<string, readonly [unknown, unknown]> {
  return Object.fromEntries(
    Object.entries(sent)
      .filter(([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify(stored[key] ?? null))
      .map(([key, value]) => [key, [stored[key] ?? null, value] as const]),
  );
}

/** A `resubmitted` event (what the visitor sent that differs) and an outbox entry, on a record the access reaches. */
async function appendResubmission(ctx: RecordsContext, actor: Actor, access: FormAccess, recordId: string, diff: Readonly<Record<string, readonly [unknown, unknown]>>): Promise<void> {
  const scope = scopeContext(ctx, await ctx.layout(), access);
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
}
