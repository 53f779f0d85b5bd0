import { sql, type RawBuilder } from 'kysely';
import type { JsonLogic, RecordView } from '@tangram/schema';
import { OWNER_DIFF_KEY, type Actor, type BulkUpdateOptions, type EventPage, type FormAccess, type RecordEvent, type RecordSystemChanges } from './api';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { RECORD_SELECT, toRecordView, withoutHidden, type RecordRow } from './record-columns';
import { isRecordId } from './record-reads';
import { assertAction, isEmptyFilter, visibleRows } from './record-scope';
import { assertAllowedValues, assertStorableData, assertWritableFields, sameValue } from './record-values';
import { mapped, mapQueryError, scopeContext, type RecordsContext } from './records-context';
import { slotAssignments } from './record-insert';

function notFound(id: string): StoreError {
  return new StoreError('ERR_NOT_FOUND', `record ${id} not found`, { params: { id } });
}

/** `t1 = tangram_slot_text(<data>->'channel'), …` for the slots of `keys` (all slotted fields when absent). */
function slotSets(layout: FormLayout, data: RawBuilder<unknown>, keys?: ReadonlySet<string>): RawBuilder<unknown> {
  const scoped = keys ? { ...layout, fields: new Map([...layout.fields].filter(([k]) => keys.has(k))) } : layout;
  const { columns, values } = slotAssignments(scoped, data);
  return columns.length === 0 ? sql`` : sql`, ${sql.join(columns.map((c, i) => sql`${c} = ${values[i]}`))}`;
}

/** The event + outbox CTEs that follow a data-modifying CTE `u` (columns id, version, diff). */
function journal(ctx: RecordsContext, layout: FormLayout, actor: Actor, kind: RecordEvent['kind']): RawBuilder<unknown> {
  return sql`
    e as (
      insert into record_events (record_id, form_id, kind, actor_id, via, diff)
      select u.id, ${sql.lit(layout.formId)}, ${kind}::text, ${actor.userId}::text, ${actor.via}::text, u.diff from u
    ), o as (
      insert into outbox (topic, payload)
      select ${`record.${kind}`}::text, jsonb_build_object('app', ${ctx.app}::text, 'form', ${ctx.form}::text, 'id', u.id::text, 'version', u.version)
      from u
    )`;
}

/**
 * Optimistic update: the row is locked through the chokepoint (update scope), its version compared with
 * the one the caller read, and the new data, its slots, the `updated` event (diff of changed fields only)
 * and the outbox entry written in one transaction.
 */
export async function updateRecord(ctx: RecordsContext, actor: Actor, access: FormAccess, id: string, expectedVersion: number, patch: Readonly<Record<string, unknown>>, formVersion: number, changes: RecordSystemChanges = {}): Promise<RecordView> {
  const layout = await ctx.layout(formVersion);
  const scope = scopeContext(ctx, layout, access);
  assertAction(access, 'update');
  if (!isRecordId(id)) throw notFound(String(id));
  assertStorableData(layout, patch, '/data');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const { rows } = await sql<RecordRow>`select ${RECORD_SELECT} from ${visibleRows(scope, { action: 'update' })} and r.id = ${id}::bigint for update of r`.execute(trx);
      const before = rows[0];
      if (!before) throw notFound(id);
      if (before.version !== expectedVersion) {
        throw new StoreError('ERR_RECORD_STALE', `record ${id} changed since version ${expectedVersion}`, { path: '/version', params: { currentVersion: before.version, expectedVersion } });
      }
      assertWritableFields(access, patch, before.data, '/data');
      assertAllowedValues(access, patch, '/data', before.data);
      const diff: Record<string, [unknown, unknown]> = Object.fromEntries(Object.entries(patch).filter(([k, v]) => !sameValue(before.data[k], v)).map(([k, v]) => [k, [before.data[k] ?? null, v]]));
      const ownerId = changes.ownerId ?? before.owner_id;
      if (ownerId !== before.owner_id) diff[OWNER_DIFF_KEY] = [before.owner_id, ownerId];
      if (Object.keys(diff).length === 0 && formVersion === before.form_version) return toRecordView(before, ctx.app, ctx.form, access.hiddenFields);
      const data = { ...before.data, ...patch };
      const { rows: updated } = await sql<RecordRow>`
        with v as (
          select ${JSON.stringify(data)}::jsonb as data, ${JSON.stringify(diff)}::jsonb as diff
        ), u as (
          update records t set form_version = ${formVersion}, version = t.version + 1, updated_at = now(),
            owner_id = ${ownerId}::text, updated_by = ${actor.userId}::text${slotSets(layout, sql`v.data`)}
          from v where t.id = ${id}::bigint
          returning t.*, v.diff
        ), w as (
          update record_data x set data = v.data from v where x.record_id = ${id}::bigint
        ), ${journal(ctx, layout, actor, 'updated')}
        select ${RECORD_SELECT} from u r cross join v rd`.execute(trx);
      return toRecordView(updated[0]!, ctx.app, ctx.form, access.hiddenFields);
    });
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}

/** Soft delete (or restore) of one row reachable by the delete scope; a stale expected version is refused. */
async function setDeleted(ctx: RecordsContext, actor: Actor, access: FormAccess, id: string, deleted: boolean, expectedVersion?: number): Promise<RecordRow> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  assertAction(access, 'delete');
  if (!isRecordId(id)) throw notFound(String(id));
  const state = deleted ? sql`r.deleted_at is null` : sql`r.deleted_at is not null`;
  const version = expectedVersion === undefined ? sql`` : sql` and r.version = ${expectedVersion}`;
  try {
    const { rows } = await sql<RecordRow>`
      with u as (
        update records t set deleted_at = ${deleted ? sql`now()` : sql`null`}, version = t.version + 1, updated_at = now(), updated_by = ${actor.userId}::text
        from (select r.id from ${visibleRows(scope, { action: 'delete', includeDeleted: true })} and r.id = ${id}::bigint and ${state}${version} for update of r) s
        where t.id = s.id
        returning t.*, '{}'::jsonb as diff
      ), ${journal(ctx, layout, actor, deleted ? 'deleted' : 'restored')}
      select ${RECORD_SELECT} from u r join record_data rd on rd.record_id = r.id`.execute(ctx.db);
    if (rows[0]) return rows[0];
  } catch (error) {
    throw mapQueryError(error, layout);
  }
  if (expectedVersion !== undefined) {
    const { rows } = await sql<{ version: number }>`select r.version from ${visibleRows(scope, { action: 'delete', includeDeleted: true })} and r.id = ${id}::bigint and ${state}`.execute(ctx.db);
    if (rows[0]) throw new StoreError('ERR_RECORD_STALE', `record ${id} changed since version ${expectedVersion}`, { path: '/version', params: { currentVersion: rows[0].version, expectedVersion } });
  }
  throw notFound(id);
}

export async function removeRecord(ctx: RecordsContext, actor: Actor, access: FormAccess, id: string, expectedVersion?: number): Promise<void> {
  await setDeleted(ctx, actor, access, id, true, expectedVersion);
}

export async function restoreRecord(ctx: RecordsContext, actor: Actor, access: FormAccess, id: string): Promise<RecordView> {
  return toRecordView(await setDeleted(ctx, actor, access, id, false), ctx.app, ctx.form, access.hiddenFields);
}

function requireFilter(filter: JsonLogic | undefined): void {
  if (isEmptyFilter(filter)) throw new StoreError('ERR_BULK_WITHOUT_FILTER', 'a bulk change needs a filter', { path: '/filter' });
}

/**
 * One statement: lock the rows the update scope and filter reach, merge the patch into their data,
 * refill the patched slots, set the new owner when one is given, and journal each row with a diff of
 * what really changed (an owner change as `ownerId: [before, after]`).
 */
export async function bulkUpdateRecords(ctx: RecordsContext, actor: Actor, access: FormAccess, filter: JsonLogic, patch: Readonly<Record<string, unknown>>, options: BulkUpdateOptions = {}): Promise<number> {
  requireFilter(filter);
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  assertAction(access, 'update');
  // Taking rows for oneself is an update; handing them to someone else needs `assign` (as on create).
  if (options.ownerId !== undefined && options.ownerId !== access.user?.id) assertAction(access, 'assign');
  assertStorableData(layout, patch, '/patch');
  assertWritableFields(access, patch, undefined, '/patch');
  assertAllowedValues(access, patch, '/patch');
  if (Object.keys(patch).length === 0 && options.ownerId === undefined) return 0;
  const json = JSON.stringify(patch);
  const owner = options.ownerId ?? null;
  try {
    const { rows } = await sql<{ c: number }>`
      with target as (
        select r.id, r.owner_id, rd.data from ${visibleRows(scope, { action: 'update', filter })} for update of r
      ), u as (
        update records t set version = t.version + 1, updated_at = now(), owner_id = coalesce(${owner}::text, t.owner_id),
          updated_by = ${actor.userId}::text${slotSets(layout, sql`(coalesce(target.data, '{}'::jsonb) || ${json}::jsonb)`, new Set(Object.keys(patch)))}
        from target where t.id = target.id
        returning t.id, t.version, coalesce((
          select jsonb_object_agg(p.key, jsonb_build_array(coalesce(target.data->p.key, 'null'::jsonb), p.value))
          from jsonb_each(${json}::jsonb) p where target.data->p.key is distinct from p.value), '{}'::jsonb)
          || case when ${owner}::text is not null and target.owner_id is distinct from ${owner}::text
               then jsonb_build_object(${OWNER_DIFF_KEY}::text, jsonb_build_array(target.owner_id, ${owner}::text)) else '{}'::jsonb end as diff
      ), w as (
        update record_data x set data = x.data || ${json}::jsonb from target where x.record_id = target.id
      ), ${journal(ctx, layout, actor, 'updated')}
      select count(*) as c from u`.execute(ctx.db);
    return Number(rows[0]!.c);
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}

export async function bulkRemoveRecords(ctx: RecordsContext, actor: Actor, access: FormAccess, filter: JsonLogic): Promise<number> {
  requireFilter(filter);
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  assertAction(access, 'delete');
  const { rows } = await mapped(layout, sql<{ c: number }>`
    with u as (
      update records t set deleted_at = now(), version = t.version + 1, updated_at = now(), updated_by = ${actor.userId}::text
      from (select r.id from ${visibleRows(scope, { action: 'delete', filter })} for update of r) s
      where t.id = s.id
      returning t.id, t.version, '{}'::jsonb as diff
    ), ${journal(ctx, layout, actor, 'deleted')}
    select count(*) as c from u`.execute(ctx.db));
  return Number(rows[0]!.c);
}

/** `diff` as stored: `{field: [before, after]}`, except a `created` event's, which holds `{field: value}`. */
export interface EventRow { id: string; record_id: string; kind: RecordEvent['kind']; actor_id: string | null; via: RecordEvent['via']; diff: Record<string, unknown>; comment: string | null; at: Date }

export const EVENT_SELECT = sql`e.id::text as id, e.record_id::text as record_id, e.kind, e.actor_id, e.via, e.diff, e.comment, e.at`;

/** A created event's stored values as the change everyone reads: every field from nothing to its value. */
function createdDiff(values: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(values)) diff[key] = [null, values[key]];
  return diff;
}

export function toRecordEvent(row: EventRow, hiddenFields: ReadonlySet<string>): RecordEvent {
  return Object.freeze({
    id: row.id, recordId: row.record_id, kind: row.kind, actorId: row.actor_id, via: row.via,
    diff: withoutHidden(row.kind === 'created' ? createdDiff(row.diff) : row.diff, hiddenFields) as RecordEvent['diff'], comment: row.comment ?? null, at: new Date(row.at).toISOString(),
  });
}

/**
 * History of a record the reader can see (deleted ones included), hidden fields removed: all of it oldest
 * first, or with `page` a page of it newest first (events before the event id `page.before`).
 *   recordEvents(ctx, access, '42')                         -> [created, updated, commented, …]
 *   recordEvents(ctx, access, '42', { limit: 2 })           -> [newest, second newest]
 *   recordEvents(ctx, access, '42', { before: '17', limit: 2 }) -> the two before event 17
 */
export async function recordEvents(ctx: RecordsContext, access: FormAccess, id: string, page?: EventPage): Promise<RecordEvent[]> {
  const layout = await ctx.layout();
  const scope = scopeContext(ctx, layout, access);
  if (!isRecordId(id)) throw notFound(String(id));
  const record = sql`(select r.id from ${visibleRows(scope, { action: 'read', includeDeleted: true })} and r.id = ${id}::bigint)`;
  if (!page) {
    const { rows } = await sql<EventRow>`select ${EVENT_SELECT} from record_events e where e.record_id = ${record} order by e.id`.execute(ctx.db);
    if (rows.length === 0) throw notFound(id);
    return rows.map((row) => toRecordEvent(row, access.hiddenFields));
  }
  if (page.before !== undefined && !isRecordId(page.before)) throw new StoreError('ERR_INVALID_CURSOR', 'before is an event id', { path: '/before' });
  const before = page.before === undefined ? sql`` : sql` and e.id < ${page.before}::bigint`;
  const { rows } = await sql<EventRow>`
    select ${EVENT_SELECT} from record_events e where e.record_id = ${record}${before}
    order by e.id desc limit ${sql.lit(Math.max(1, Math.min(500, Math.trunc(page.limit))))}`.execute(ctx.db);
  // An empty page of a record the reader can see is an answer, not a 404.
  if (rows.length === 0 && (await sql`select 1 from ${visibleRows(scope, { action: 'read', includeDeleted: true })} and r.id = ${id}::bigint`.execute(ctx.db)).rows.length === 0) throw notFound(id);
  return rows.map((row) => toRecordEvent(row, access.hiddenFields));
}
