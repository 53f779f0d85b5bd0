import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordView } from '@tangram/schema';
import type { Actor, CreatedRef, CreatedRefs, CreateRefsOptions, FormAccess, NewRecord } from './api';
import { StoreError } from './errors';
import { insertCoalesced } from './create-coalescer';
import { earlierRecords, insertRecordRefs, insertRecords, type EarlierRow, type InsertItem, type InsertRow } from './record-insert';
import { toRecordView, type RecordRow } from './record-columns';
import { assertAction } from './record-scope';
import { assertAllowedValues, assertStorableData } from './record-values';
import { mapQueryError, scopeContext, type RecordsContext } from './records-context';

export const MAX_BATCH = 1000;

/** 1–200 printable ASCII characters (what an HTTP header carries safely). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

function assertIdempotencyKey(key: string, path: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) throw new StoreError('ERR_INVALID_VALUE', 'an idempotency key is 1–200 printable ASCII characters', { path });
}

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

/** The inputs checked against the caller's access and the form layout, as rows for the insert. */
async function checkedItems(ctx: RecordsContext, actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[]) {
  if (inputs.length > MAX_BATCH) throw new StoreError('ERR_BATCH_TOO_LARGE', `at most ${MAX_BATCH} records per batch`, { params: { max: MAX_BATCH, count: inputs.length } });
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
    if (input.idempotencyKey !== undefined) assertIdempotencyKey(input.idempotencyKey, keyPath(i));
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
  return { layout, items, many, keyPath };
}

type Checked = Awaited<ReturnType<typeof checkedItems>>;

/**
 * For each item the insert gave no row: the record an earlier request with its key made, unless that
 * request was another one (ERR_IDEMPOTENCY_KEY_REUSED).
 */
async function earlierAnswers(db: Kysely<any>, { layout, items, keyPath }: Checked, inserted: (i: number) => boolean): Promise<Map<number, EarlierRow>> {
  const missing = items.flatMap((item, i) => (inserted(i) ? [] : [{ by: item.by, idem: item.idem! }]));
  const earlier = new Map((await earlierRecords(db, layout, missing)).map((row) => [row.idempotency_key, row]));
  const answers = new Map<number, EarlierRow>();
  items.forEach((item, i) => {
    if (inserted(i)) return;
    const made = earlier.get(item.idem)!;
    if (made.idempotency_fingerprint !== item.fp) {
      throw new StoreError('ERR_IDEMPOTENCY_KEY_REUSED', `idempotency key ${JSON.stringify(item.idem)} was used for another request`, {
        path: keyPath(i), params: { key: item.idem, id: String(made.id) },
      });
    }
    answers.set(i, made);
  });
  return answers;
}

/** A batch with keys checks them in its own transaction, so a reused key stores none of the batch. */
function inBatchTransaction<T>(ctx: RecordsContext, items: readonly InsertItem[], fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  return items.some((item) => item.idem !== null) ? ctx.db.transaction().execute(fn) : fn(ctx.db);
}

/**
 * Creates records: checks every input against the caller's access and the form layout, then inserts them
 * with their `created` events and outbox entries (record-insert.ts). One input is a single create and
 * shares its statement with concurrent creates of the form (group commit, create-coalescer.ts); several
 * are a batch: one statement, all or nothing. An input whose idempotency key (per form and creator) was
 * used before answers with the record it made, or ERR_IDEMPOTENCY_KEY_REUSED for another request.
 */
export async function createRecords(ctx: RecordsContext, actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[]): Promise<RecordView[]> {
  if (inputs.length === 0) return [];
  const checked = await checkedItems(ctx, actor, access, formVersion, inputs);
  const { layout, items, many } = checked;
  const view = (row: RecordRow) => toRecordView(row, ctx.app, ctx.form, access.hiddenFields);
  const answer = async (db: Kysely<any>, rows: readonly (InsertRow | null | undefined)[]): Promise<RecordView[]> => {
    const earlier = await earlierAnswers(db, checked, (i) => Boolean(rows[i]));
    return items.map((_, i) => {
      const row = rows[i];
      if (row) return view(row);
      const again = view(earlier.get(i)!);
      replayed.add(again);
      return again;
    });
  };
  try {
    if (!many) return await answer(ctx.db, [await insertCoalesced(ctx.db, layout, items[0]!)]);
    return await inBatchTransaction(ctx, items, async (db) => {
      const byOrd = new Map((await insertRecords(db, layout, items)).map((row) => [row.ord, row]));
      return answer(db, items.map((_, i) => byOrd.get(i + 1)));
    });
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}

/**
 * `createRecords` for bulk loads that don't read the records back (an import counts them): the same
 * checks, one statement, all or nothing, answering with each record's id and version only, and whether
 * an earlier request with its idempotency key made it. A batch key makes the whole batch idempotent
 * with one row instead of a key per record (record_batches): a batch whose key was used before stores
 * nothing and answers `batchReplayed`. Per-record keys still work beside it.
 */
export async function createRecordRefs(ctx: RecordsContext, actor: Actor, access: FormAccess, formVersion: number, inputs: readonly NewRecord[], options: CreateRefsOptions = {}): Promise<CreatedRefs> {
  const batchKey = options.batchKey;
  if (batchKey !== undefined) assertIdempotencyKey(batchKey, '/batchKey');
  if (inputs.length === 0) return { records: [], batchReplayed: false };
  const checked = await checkedItems(ctx, actor, access, formVersion, inputs);
  const { layout, items } = checked;
  const batch = batchKey === undefined ? null : { by: actor.userId, key: batchKey };
  try {
    return await inBatchTransaction(ctx, items, async (db) => {
      const inserted = await insertRecordRefs(db, layout, items, batch);
      if (batch && !inserted.batchClaimed) return { records: [], batchReplayed: true };
      const byOrd = new Map(inserted.rows.map((row) => [row.ord, row]));
      const earlier = await earlierAnswers(db, checked, (i) => byOrd.has(i + 1));
      const records = items.map((_, i): CreatedRef => {
        const row = byOrd.get(i + 1) ?? earlier.get(i)!;
        return { id: String(row.id), version: row.version, replayed: !byOrd.has(i + 1) };
      });
      return { records, batchReplayed: false };
    });
  } catch (error) {
    throw mapQueryError(error, layout);
  }
}
