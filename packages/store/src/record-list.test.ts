import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonLogic, RecordView } from '@tangram/schema';
import type { Actor, SortKey, Store } from './api';
import { StoreError } from './errors';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const ACTOR: Actor = { userId: 'u-1', via: 'user' };
const CHANNELS = ['web', 'expo', 'street', null];
const BUDGETS = ['100', '50000', '50000.01', '900', null];
const NOTES = ['alpha', 'beta', null];

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** The order the store promises: NULLs as the largest value, ties broken by id in the last key's direction. */
function compareBy(sort: readonly SortKey[], value: (r: RecordView, field: string) => string | number | null) {
  const keys = [...sort, { field: 'id', direction: sort[sort.length - 1]!.direction }];
  return (a: RecordView, b: RecordView): number => {
    for (const { field, direction } of keys) {
      const [x, y] = [value(a, field), value(b, field)];
      if (x === y) continue;
      const ascending = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return direction === 'asc' ? ascending : -ascending;
    }
    return 0;
  };
}

describe.each(testDialects())('listing records on %s', (dialect) => {
  let store: Store;
  let all: RecordView[];
  const access = fullAccess('crm', 'lead');
  const leads = () => store.records('crm', 'lead');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    const version = await publishForm(store, 'crm', leadForm([{ id: 'f11', key: 'note', kind: 'textarea', label: { en: 'Note' } }]));
    const data = Array.from({ length: 137 }, (_, i) => {
      const pick = <T>(list: readonly T[], salt: number) => list[(i * 7 + salt * 3 + Math.floor(i / 5)) % list.length]!;
      const entry: Record<string, unknown> = { name: `lead ${i}`, visits: i % 4, due: `2024-0${1 + (i % 3)}-1${i % 10}` };
      for (const [key, value] of [['channel', pick(CHANNELS, 1)], ['budget', pick(BUDGETS, 2)], ['note', pick(NOTES, 3)]] as const) {
        if (value !== null) entry[key] = value;
      }
      return { data: entry };
    });
    all = [...await leads().createMany(ACTOR, access, version, data.slice(0, 70)), ...await leads().createMany(ACTOR, access, version, data.slice(70))];
  });
  afterAll(async () => { await store?.close(); });

  const fieldValue = (r: RecordView, field: string): string | number | null => {
    if (field === 'id') return Number(r.id);
    if (field === 'createdAt') return r.createdAt;
    const v = r.data[field];
    if (v === undefined || v === null) return null;
    return field === 'budget' ? Number(v) : (v as string | number);
  };

  async function pageThrough(query: { sort?: SortKey[]; filter?: JsonLogic }, limit: number): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await leads().list(access, { ...query, limit, ...(cursor ? { cursor } : {}) } as never);
      ids.push(...page.items.map((r) => r.id));
      totals.push(page.total);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { ids, totals };
  }

  it.each([
    [[{ field: 'createdAt', direction: 'desc' }]],
    [[{ field: 'channel', direction: 'asc' }, { field: 'budget', direction: 'desc' }]],
    [[{ field: 'budget', direction: 'asc' }, { field: 'channel', direction: 'desc' }]],
    [[{ field: 'note', direction: 'asc' }, { field: 'visits', direction: 'asc' }]],
    [[{ field: 'note', direction: 'desc' }]],
  ] as SortKey[][][])('pages through every record in the order an in-memory sort gives (%j)', async (sort) => {
    const { ids, totals } = await pageThrough({ sort }, 9);
    expect(ids).toEqual([...all].sort(compareBy(sort, fieldValue)).map((r) => r.id));
    expect(new Set(totals)).toEqual(new Set([all.length]));
  });

  it('pages through a filtered list with a total under the same filter', async () => {
    const filter: JsonLogic = { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 50000] }] };
    const expected = all.filter((r) => r.data.channel === 'web' && r.data.budget !== undefined && Number(r.data.budget) > 50000);
    expect(expected.length).toBeGreaterThan(3);
    const { ids, totals } = await pageThrough({ filter, sort: [{ field: 'createdAt', direction: 'desc' }] }, 4);
    expect(ids).toEqual([...expected].sort(compareBy([{ field: 'createdAt', direction: 'desc' }], fieldValue)).map((r) => r.id));
    expect(totals[0]).toBe(expected.length);
    expect(await leads().count(access, filter)).toBe(expected.length);
  });

  it('filters dates as dates', async () => {
    const page = await leads().list(access, { filter: { '>=': [{ var: 'due' }, '2024-03-01'] }, limit: 500 });
    expect(page.total).toBe(all.filter((r) => (r.data.due as string) >= '2024-03-01').length);
    expect(page.total).toBeGreaterThan(0);
  });

  it('refuses tampered cursors, cursors of another sort, bad limits and unknown sort fields', async () => {
    const page = await leads().list(access, { limit: 5 });
    const cursor = page.nextCursor!;
    expect((await rejection(leads().list(access, { cursor: `${cursor}x` }))).code).toBe('ERR_INVALID_CURSOR');
    const forged = Buffer.from(JSON.stringify({ s: 'createdAt:desc,id:desc', v: ['not a time'], id: '1' })).toString('base64url');
    expect((await rejection(leads().list(access, { cursor: forged }))).code).toBe('ERR_INVALID_CURSOR');
    expect((await rejection(leads().list(access, { cursor, sort: [{ field: 'budget', direction: 'asc' }] }))).code).toBe('ERR_INVALID_CURSOR');
    expect(await rejection(leads().list(access, { limit: 0 }))).toMatchObject({ code: 'ERR_INVALID_LIMIT', path: '/limit' });
    expect(await rejection(leads().list(access, { limit: 501 }))).toMatchObject({ code: 'ERR_INVALID_LIMIT' });
    expect(await rejection(leads().list(access, { sort: [{ field: 'nope', direction: 'asc' }] }))).toMatchObject({ code: 'ERR_INVALID_SORT', path: '/sort/0/field' });
    expect(await rejection(leads().list(access, { filter: { and: [{ '==': [{ var: 'nope' }, 1] }] } }))).toMatchObject({ code: 'ERR_INVALID_FILTER', path: '/filter/and/0/==/0/var' });
    expect(await rejection(leads().list(access, { filter: { drop_table: [1] } as never }))).toMatchObject({ code: 'ERR_INVALID_FILTER' });
  });

  it('aggregates in one GROUP BY: count, sums, buckets by month in Shanghai time', async () => {
    const rows = await leads().aggregate(access, {
      groupBy: [{ field: 'channel' }],
      measures: [{ fn: 'count', as: 'n' }, { fn: 'sum', field: 'budget', as: 'total' }, { fn: 'max', field: 'visits', as: 'most' }],
    });
    const expected = new Map<string | null, { n: number; total: number }>();
    for (const r of all) {
      const key = (r.data.channel as string | undefined) ?? null;
      const entry = expected.get(key) ?? { n: 0, total: 0 };
      expected.set(key, { n: entry.n + 1, total: entry.total + Math.round(Number(r.data.budget ?? 0) * 100) });
    }
    // Summed in cents: the store's sums are exact decimals, JS floats are not.
    expect(rows.map((r) => [r.channel, r.n, Math.round(Number(r.total) * 100)])).toEqual(
      [...expected.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : 1)).map(([k, v]) => [k, v.n, v.total]));
    expect(typeof rows[0]!.total).toBe('string');
    const months = await leads().aggregate(access, { groupBy: [{ field: 'due', bucket: 'month' }], measures: [{ fn: 'count', as: 'n' }] });
    expect(months.map((r) => r.due)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(months.reduce((s, r) => s + (r.n as number), 0)).toBe(all.length);
    const median = await leads().aggregate(access, { groupBy: [], measures: [{ fn: 'median', field: 'visits', as: 'm' }, { fn: 'countDistinct', field: 'channel', as: 'channels' }] });
    const visits = all.map((r) => r.data.visits as number).sort((a, b) => a - b);
    const middle = (visits.length - 1) / 2;
    expect(median).toEqual([{ m: (visits[Math.floor(middle)]! + visits[Math.ceil(middle)]!) / 2, channels: 3 }]);
    expect(await rejection(leads().aggregate(access, { groupBy: [{ field: 'channel', bucket: 'month' }], measures: [] }))).toMatchObject({ code: 'ERR_INVALID_AGGREGATE', path: '/groupBy/0/bucket' });
    expect(await rejection(leads().aggregate(access, { groupBy: [], measures: [{ fn: 'sum', field: 'channel', as: 'x' }] }))).toMatchObject({ code: 'ERR_INVALID_AGGREGATE' });
    expect(await rejection(leads().aggregate(access, { groupBy: [null], measures: [{ fn: 'count' }] } as never))).toMatchObject({ code: 'ERR_INVALID_AGGREGATE', path: '/groupBy/0' });
    expect(await rejection(leads().aggregate(access, { groupBy: [], measures: [{ fn: 'count' }], timeZone: "UTC'; drop table records; --" } as never))).toMatchObject({ code: 'ERR_INVALID_AGGREGATE', path: '/timeZone' });
  });
});
