import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordView } from '@tangram/schema';
import type { Actor, FormAccess, NewRecord } from './api';
import { StoreError } from './errors';
import { insertCoalesced } from './create-coalescer';
import { earlierRecords, insertRecords, type InsertItem, type InsertRow } from './record-insert';
import { toRecordView, type RecordRow } from './record-columns';
import { assertAction } from './record-scope';
import { assertAllowedValues, assertStorableData } from './record-values';
import { mapQueryError, scopeContext, type RecordsContext } from './records-context';


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

/**
 * Creates records: checks every input against the caller's access and the form layout, then inserts them
 * with their `created` events and outbox entries (record-insert.ts). One input is a single create and
 * shares its statement with concurrent creates of the form (group commit, create-coalescer.ts); several
 * are a batch: one statement, all or nothing. An input whose idempotency key (per form and creator) was
 * used before answers with the record it made, or ERR_IDEMPOTENCY_KEY_REUSED for another request.
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
  const keyPath = (i: number) => (many ? `/${i}/idempotencyKey` : '/idempotencyKey');
  const items = inputs.map((input, i): InsertItem => {
    const path = many ? `/${i}/data` : '/data';
    assertStorableData(layout, input.data, path);
    assertAllowedValues(access, input.data, path);
    if (input.idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
      throw new StoreError('ERR_INVALID_VALUE', 'an idempotency key is 1–200 printable ASCII characters', { path: keyPath(i) });
    }
    return {
      data: input.data,
      owner: input.ownerId === undefined ? actor.userId : input.ownerId,
      org: input.orgUnitId ?? null,
      by: actor.userId,
      via: actor.via,
      ver: formVersion,
      idem: input.idempotencyKey ?? null,
      fp: input.idempotencyKey === undefined ? null : fingerprintOf(input),
    };
  });
  const view = (row: RecordRow) => toRecordView(row, ctx.app, ctx.form, access.hiddenFields);

  // The earlier record of each item without a row: its answer, unless the key came with another request.
  const answer = async (db: Kysely<any>, rows: readonly (InsertRow | null | undefined)[]): Promise<RecordView[]> => {
    const missing = items.flatMap((item, i) => (rows[i] ? [] : [{ by: item.by, idem: item.idem! }]));
    const earlier = new Map((await earlierRecords(db, layout, missing)).map((row) => [row.idempotency_key, row]));
    return items.map((item, i) => {
      const row = rows[i];
      if (row) return view(row);
      const made = earlier.get(item.idem)!;
      if (made.idempotency_fingerprint !== item.fp) {
        throw new StoreError('ERR_IDEMPOTENCY_KEY_REUSED', `idempotency key ${JSON.stringify(item.idem)} was used for another request`, {
          path: keyPath(i), params: { key: item.idem, id: String(made.id) },
        });
      }
      const again = view(made);
      replayed.add(again);
      return again;
    });
  };

  try {
    if (!many) return await answer(ctx.db, [await insertCoalesced(ctx.db, layout, items[0]!)]);
    const insertAll = async (db: Kysely<any>) => {
      const byOrd = new Map((await insertRecords(db, layout, items)).map((row) => [row.ord, row]));
      return answer(db, items.map((_, i) => byOrd.get(i + 1)));
    };
    // A batch with keys checks them in its own transaction, so a reused key stores none of the batch.
    return items.some((item) => item.idem !== null) ? await ctx.db.transaction().execute(insertAll) : await insertAll(ctx.db);
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}
