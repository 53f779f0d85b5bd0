import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { RecordView } from '@tangram/schema';
import type { Actor, FormAccess, NewRecord } from './api';
import { StoreError } from './errors';
import type { FormLayout } from './form-layout';
import { RECORD_SELECT, toRecordView, type RecordRow } from './record-columns';
import { assertAction } from './record-scope';
import { assertAllowedValues, assertStorableData } from './record-values';
import { mapQueryError, scopeContext, type RecordsContext } from './records-context';
import { SLOT_FUNCTION, slotColumn } from './slots';

export const MAX_BATCH = 1000;

/** 1–200 printable ASCII characters (what an HTTP header carries safely). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/** Views answered from an earlier request with the same idempotency key (see isReplayedRecord). */
const replayed = new WeakSet<RecordView>();

/** True when `create` answered with the record an earlier request with the same idempotency key made. */
export function isReplayedRecord(record: RecordView): boolean {
  return replayed.has(record);
}

/** JSON with object keys sorted, so two requests that differ only in key order count as the same. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

function fingerprintOf(input: NewRecord): string {
  const what = input.idempotencyFingerprint ?? canonicalJson({ data: input.data, ownerId: input.ownerId, orgUnitId: input.orgUnitId });
  return createHash('sha256').update(what).digest('base64url');
}

/** `t1, n1, …` and `tangram_slot_text(<data>->'channel'), …`: the slot columns of a form and their fill. */
export function slotAssignments(layout: FormLayout, data: RawBuilder<unknown>): { columns: RawBuilder<unknown>[]; values: RawBuilder<unknown>[] } {
  const slotted = [...layout.fields.values()].filter((f) => f.slot !== null);
  return {
    columns: slotted.map((f) => sql.ref(f.slot!)),
    values: slotted.map((f) => sql`${sql.raw(SLOT_FUNCTION[slotColumn(f.slot!).slotClass])}(${data}->${sql.lit(f.key)})`),
  };
}

/**
 * Creates records in ONE statement: the rows, their `created` events and their outbox entries are
 * data-modifying CTEs of a single INSERT, so they commit or fail together without a round trip per row.
 * The whole batch travels as one jsonb parameter (no bind-parameter limit, one parse).
 *
 *   with input as (select … from jsonb_array_elements($1) with ordinality),
 *        r as (insert into records (…, t1, n1) select …, tangram_slot_text(data->'channel'), … returning …),
 *        d as (insert into record_data …),
 *        e as (insert into record_events … select … from r),
 *        o as (insert into outbox … select … from r)
 *   select … from r order by id
 */
export async function createRecords(ctx: RecordsContext, actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[]): Promise<RecordView[]> {
  if (inputs.length > MAX_BATCH) throw new StoreError('ERR_BATCH_TOO_LARGE', `at most ${MAX_BATCH} records per batch`, { params: { max: MAX_BATCH, count: inputs.length } });
  if (inputs.length === 0) return [];
  const layout = await ctx.layout(formVersion);
  scopeContext(ctx, layout, access);
  assertAction(access, 'create');
  if (!Number.isInteger(formVersion) || formVersion < 1 || formVersion > layout.publishedVersion) {
    throw new StoreError('ERR_NOT_PUBLISHED', `form ${ctx.form} has no published version ${formVersion}`, { params: { form: ctx.form, version: formVersion } });
  }
  const many = inputs.length > 1;
  const items = inputs.map((input, i) => {
    const path = many ? `/${i}/data` : '/data';
    assertStorableData(layout, input.data, path);
    assertAllowedValues(access, input.data, path);
    if (input.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw new StoreError('ERR_INVALID_VALUE', 'an idempotency key is 1–200 printable ASCII characters', { path: many ? `/${i}/idempotencyKey` : '/idempotencyKey' });
    }
    return {
      data: input.data,
      owner: input.ownerId === undefined ? actor.userId : input.ownerId,
      org: input.orgUnitId ?? null,
      idem: input.idempotencyKey ?? null,
      fp: input.idempotencyKey === undefined ? null : fingerprintOf(input),
    };
  });
  const slots = slotAssignments(layout, sql`i.data`);
  const slotColumns = slots.columns.length > 0 ? sql`, ${sql.join(slots.columns)}` : sql``;
  const slotValues = slots.values.length > 0 ? sql`, ${sql.join(slots.values)}` : sql``;
  const formId = sql.lit(layout.formId);
  const query = sql<RecordRow>`
    with input as (
      select nextval(pg_get_serial_sequence('records', 'id')) as id, e.value->'data' as data,
             e.value->>'owner' as owner_id, e.value->>'org' as org_unit_id, e.value->>'idem' as idem, e.value->>'fp' as fp, e.ordinality as ord
      from jsonb_array_elements(${JSON.stringify(items)}::jsonb) with ordinality as e
    ), r as (
      insert into records (id, form_id, form_version, owner_id, org_unit_id, created_by, updated_by, idempotency_key, idempotency_fingerprint${slotColumns})
      select i.id, ${formId}, ${formVersion}, i.owner_id, i.org_unit_id, ${actor.userId}::text, ${actor.userId}::text, i.idem, i.fp${slotValues}
      from input i order by i.ord
      on conflict (form_id, coalesce(created_by, ''), idempotency_key) where idempotency_key is not null do nothing
      returning *
    ), d as (
      insert into record_data (record_id, data) select i.id, i.data from input i join r on r.id = i.id
    ), e as (
      insert into record_events (record_id, form_id, kind, actor_id, via, diff, at)
      select r.id, ${formId}, 'created', ${actor.userId}::text, ${actor.via}::text,
             coalesce((select jsonb_object_agg(k.key, jsonb_build_array(null, k.value)) from jsonb_each(i.data) k), '{}'::jsonb),
             r.created_at
      from r join input i on i.id = r.id
    ), o as (
      insert into outbox (topic, payload)
      select 'record.created', jsonb_build_object('app', ${ctx.app}::text, 'form', ${ctx.form}::text, 'id', r.id::text, 'version', r.version)
      from r
    )
    select ${RECORD_SELECT} from r join input rd on rd.id = r.id order by r.id`;
  let rows: RecordRow[];
  try {
    rows = (await query.execute(ctx.db)).rows;
  } catch (error) {
    throw mapQueryError(error, layout);
  }
  const created = rows.map((row) => toRecordView(row, ctx.app, ctx.form, access.hiddenFields));
  if (rows.length === items.length) return created;

  // Some idempotency keys were seen before (or twice in this batch): answer with the records they made,
  // unless the key came with another request than the one that made its record.
  const keys = [...new Set(items.map((i) => i.idem).filter((k): k is string => k !== null))];
  const existing = await sql<RecordRow & { idempotency_fingerprint: string | null }>`
    select ${RECORD_SELECT}, r.idempotency_fingerprint from records r join record_data rd on rd.record_id = r.id
    where r.form_id = ${formId} and coalesce(r.created_by, '') = ${actor.userId ?? ''} and r.idempotency_key = any(${keys}::text[])`.execute(ctx.db);
  const earlier = new Map(existing.rows.map((row) => [row.idempotency_key, row]));
  const fresh = new Map(rows.map((row, i) => [row.idempotency_key ?? `#${row.id}`, created[i]!]));
  const unkeyed = created.filter((_, i) => rows[i]!.idempotency_key === null);
  let nextUnkeyed = 0;
  return items.map((item, i) => {
    if (item.idem === null) return unkeyed[nextUnkeyed++]!;
    const made = fresh.get(item.idem);
    if (made) return made;
    const row = earlier.get(item.idem)!;
    if (row.idempotency_fingerprint !== item.fp) {
      throw new StoreError('ERR_IDEMPOTENCY_KEY_REUSED', `idempotency key ${JSON.stringify(item.idem)} was used for another request`, {
        path: many ? `/${i}/idempotencyKey` : '/idempotencyKey', params: { key: item.idem, id: String(row.id) },
      });
    }
    const view = toRecordView(row, ctx.app, ctx.form, access.hiddenFields);
    replayed.add(view);
    return view;
  });
}
