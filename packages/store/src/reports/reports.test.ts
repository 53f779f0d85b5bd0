import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FormDefinition, ReportQuery, ReportQueryDimension, ReportQueryMeasure } from '@tangram/schema';
import type { FormAccess, Store } from '../api';
import { StoreError } from '../errors';
import { testDialects } from '../testing';
import { accessWith, fullAccess, leadForm, openTestStore, publishForm, SYSTEM_ACTOR } from '../testing/test-store';

const TZ = 'Asia/Shanghai';
const query = (dimensions: ReportQueryDimension[], measures: ReportQueryMeasure[], extra: Partial<ReportQuery> = {}): ReportQuery =>
  ({ form: 'lead', dimensions, measures, timeZone: TZ, ...extra });
const count: ReportQueryMeasure = { key: 'n', fn: 'count' };

/**
 * Six leads, chosen so every bucket edge is crossed: met_at 2026-01-31T16:30Z is Feb 1 in Shanghai,
 * 15:30Z is still Jan 31. Channel, stage, budget, visits, due, met_at, store, owner.
 */
const SEED = [
  ['web', 'won', '100.50', 1, '2026-01-15', '2026-01-31T16:30:00Z', 'sh01', 'u1'],
  ['web', 'new', '200.00', 3, '2026-02-01', '2026-01-31T15:30:00Z', 'sh02', 'u2'],
  ['expo', 'won', '50.25', 2, '2026-04-10', '2026-04-10T02:00:00Z', 'cd01', 'u1'],
  ['expo', 'lost', null, 5, null, '2026-07-01T00:00:00Z', 'sh01', 'u2'],
  ['street', 'new', '10.00', null, '2026-12-31', '2027-01-01T01:00:00+08:00', null, 'u1'],
  ['web', 'won', '300.00', 4, '2026-05-20', null, 'hq', 'u3'],
] as const;

const dealForm: FormDefinition = {
  schemaVersion: 1, key: 'deal', name: { en: 'Deal' },
  fields: [{ id: 's', key: 'step', kind: 'select', label: { en: 'Step' }, options: ['new', 'contacted', 'won', 'lost'].map((value) => ({ value, label: { en: value } })) },
    { id: 'c', key: 'channel', kind: 'text', label: { en: 'Channel' } }],
};
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');
/** Each deal's steps, with hours after T0: B skips "contacted", C goes back to "new", D starts at "contacted". */
const DEALS = [
  { name: 'A', store: 'sh01', channel: 'web', steps: [['new', 0], ['contacted', 1], ['won', 5]] },
  { name: 'B', store: 'sh01', channel: 'expo', steps: [['new', 0], ['won', 2]] },
  { name: 'C', store: 'sh02', channel: 'web', steps: [['new', 0], ['contacted', 3], ['new', 4]] },
  { name: 'D', store: 'cd01', channel: 'web', steps: [['contacted', 0]] },
] as const;

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.each(testDialects())('reports on %s', (dialect) => {
  let store: Store;
  const admin = fullAccess('crm', 'lead');
  const run = (q: ReportQuery, access: FormAccess = admin) => store.reports('crm', q.form).run(access, q);

  beforeAll(async () => {
    store = await openTestStore(dialect);
    for (const [id, parentId, kind] of [['hq', null, 'hq'], ['east', 'hq', 'region'], ['west', 'hq', 'region'], ['sh01', 'east', 'store'], ['sh02', 'east', 'store'], ['cd01', 'west', 'store']] as const) {
      await store.identity.createOrgUnit({ id, parentId, kind, name: { en: id } });
    }
    const version = await publishForm(store, 'crm', leadForm([{ id: 'f20', key: 'met_at', kind: 'datetime', label: { en: 'Met at' } }]));
    await store.records('crm', 'lead').createMany(SYSTEM_ACTOR, admin, version, SEED.map(([channel, stage, budget, visits, due, metAt, unit, owner]) => ({
      data: { channel, stage, ...(budget ? { budget } : {}), ...(visits !== null ? { visits } : {}), ...(due ? { due } : {}), ...(metAt ? { met_at: metAt } : {}), secret: 'x' },
      ownerId: owner, orgUnitId: unit,
    })));

    const dealVersion = await publishForm(store, 'crm', dealForm);
    const deals = store.records('crm', 'deal');
    const dealAccess = fullAccess('crm', 'deal');
    for (const deal of DEALS) {
      let record = await deals.create(SYSTEM_ACTOR, dealAccess, dealVersion, { data: { step: deal.steps[0]![0], channel: deal.channel }, orgUnitId: deal.store });
      for (const [step] of deal.steps.slice(1)) record = await deals.update(SYSTEM_ACTOR, dealAccess, record.id, record.version, { step }, dealVersion);
      // The history happened over hours, not within this test's milliseconds: date each event as the story says.
      const events = await sql<{ id: string }>`select id::text as id from record_events where record_id = ${record.id} order by id`.execute(store.handle.db);
      for (const [i, event] of events.rows.entries()) {
        await sql`update record_events set at = ${new Date(T0 + deal.steps[i]![1] * HOUR).toISOString()}::timestamptz where id = ${event.id}`.execute(store.handle.db);
      }
    }
  });
  afterAll(async () => { await store?.close(); });

  it('count, distinct count, sum, average, min, max and median by channel, as computed by hand', async () => {
    const rows = await run(query([{ key: 'channel', field: 'channel' }], [
      count,
      { key: 'owners', fn: 'countDistinct', field: 'ownerId' },
      { key: 'total', fn: 'sum', field: 'budget' },
      { key: 'mean', fn: 'avg', field: 'budget' },
      { key: 'low', fn: 'min', field: 'budget' },
      { key: 'high', fn: 'max', field: 'budget' },
      { key: 'mid', fn: 'median', field: 'visits' },
      { key: 'with_budget', fn: 'count', field: 'budget' },
    ]));
    expect(rows.map((r) => ({ ...r, total: Number(r.total), mean: Number(Number(r.mean).toFixed(4)), low: Number(r.low), high: Number(r.high), mid: r.mid === null ? null : Number(r.mid) }))).toEqual([
      { channel: 'expo', n: 2, owners: 2, total: 50.25, mean: 50.25, low: 50.25, high: 50.25, mid: 3.5, with_budget: 1 },
      { channel: 'street', n: 1, owners: 1, total: 10, mean: 10, low: 10, high: 10, mid: null, with_budget: 1 },
      { channel: 'web', n: 3, owners: 3, total: 600.5, mean: 200.1667, low: 100.5, high: 300, mid: 3, with_budget: 3 },
    ]);
    expect(rows[2]!.total).toBe('600.50');
  });

  it('a measure over the rows meeting a condition (a ratio numerator) in the same statement', async () => {
    const rows = await run(query([{ key: 'channel', field: 'channel' }], [{ key: 'won', fn: 'count', where: { '==': [{ var: 'stage' }, 'won'] } }, count, { key: 'won_budget', fn: 'sum', field: 'budget', where: { '==': [{ var: 'stage' }, 'won'] } }]));
    expect(rows.map((r) => [r.channel, r.won, r.n, r.won_budget === null ? null : Number(r.won_budget)])).toEqual([['expo', 1, 2, 50.25], ['street', 0, 1, null], ['web', 2, 3, 400.5]]);
  });

  it.each([
    ['day', 'met_at', [['2026-01-31', 1], ['2026-02-01', 1], ['2026-04-10', 1], ['2026-07-01', 1], ['2027-01-01', 1], [null, 1]]],
    ['week', 'due', [['2026-01-12', 1], ['2026-01-26', 1], ['2026-04-06', 1], ['2026-05-18', 1], ['2026-12-28', 1], [null, 1]]],
    ['month', 'met_at', [['2026-01-01', 1], ['2026-02-01', 1], ['2026-04-01', 1], ['2026-07-01', 1], ['2027-01-01', 1], [null, 1]]],
    ['quarter', 'due', [['2026-01-01', 2], ['2026-04-01', 2], ['2026-10-01', 1], [null, 1]]],
    ['year', 'met_at', [['2026-01-01', 4], ['2027-01-01', 1], [null, 1]]],
  ] as const)('buckets by %s of %s in Asia/Shanghai', async (bucket, field, expected) => {
    const rows = await run(query([{ key: 'at', field, bucket }], [count]));
    expect(rows.map((r) => [r.at, r.n])).toEqual(expected);
  });

  it.each([
    ['region', [['east', 3], ['west', 1], [null, 2]]],
    ['hq', [['hq', 5], [null, 1]]],
  ] as const)('rolls stores up to the %s through the org tree', async (rollup, expected) => {
    const rows = await run(query([{ key: 'unit', field: 'orgUnitId', rollup }], [count, { key: 'total', fn: 'sum', field: 'budget' }]));
    expect(rows.map((r) => [r.unit, r.n])).toEqual(expected);
  });

  it('a pivot (two dimensions) and a total without dimensions', async () => {
    const pivot = await run(query([{ key: 'region', field: 'orgUnitId', rollup: 'region' }, { key: 'stage', field: 'stage' }], [count]));
    expect(pivot.map((r) => [r.region, r.stage, r.n])).toEqual([['east', 'lost', 1], ['east', 'new', 1], ['east', 'won', 1], ['west', 'won', 1], [null, 'new', 1], [null, 'won', 1]]);
    expect(await run(query([], [count, { key: 'total', fn: 'sum', field: 'budget' }]))).toEqual([{ n: 6, total: '660.75' }]);
  });

  it('applies the caller\'s row scope and the report filter: a store manager counts only their store', async () => {
    const manager = accessWith('crm', 'lead', { userId: 'm1', orgUnitIds: ['sh01'], actions: ['read'], scope: { kind: 'orgUnits', orgUnitIds: ['sh01'] } });
    expect((await run(query([{ key: 'channel', field: 'channel' }], [count]), manager)).map((r) => [r.channel, r.n])).toEqual([['expo', 1], ['web', 1]]);
    const filtered = query([{ key: 'channel', field: 'channel' }], [count], { filter: { '>=': [{ var: 'visits' }, 3] } });
    expect((await run(filtered)).map((r) => [r.channel, r.n])).toEqual([['expo', 1], ['web', 2]]);
    expect((await run(filtered, manager)).map((r) => [r.channel, r.n])).toEqual([['expo', 1]]);
  });

  it('refuses hidden fields and readers without read permission', async () => {
    const clerk = accessWith('crm', 'lead', { actions: ['read'], hidden: ['secret'] });
    expect(await rejection(run(query([{ key: 'secret', field: 'secret' }], [count]), clerk))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE', path: '/dimensions/0/field' });
    expect(await rejection(run(query([], [{ key: 'n', fn: 'count', where: { '==': [{ var: 'secret' }, 'x'] } }]), clerk))).toMatchObject({ code: 'ERR_FIELD_NOT_FILTERABLE' });
    expect((await rejection(run(query([], [count]), accessWith('crm', 'lead', { actions: ['create'] })))).code).toBe('ERR_FORBIDDEN');
  });

  describe('funnel from the stage history', () => {
    const funnel = (extra: Partial<ReportQuery> = {}): ReportQuery =>
      ({ form: 'deal', dimensions: [], measures: [], funnel: { field: 'step', stages: ['new', 'contacted', 'won'] }, timeZone: TZ, ...extra });
    const dealsRun = (q: ReportQuery, access: FormAccess) => store.reports('crm', 'deal').run(access, q);
    const numbers = (row: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.startsWith('seconds') && v !== null ? Number(v) : v]));

    it('counts first arrivals at each stage (a later stage passes the earlier ones) and the median time between them', async () => {
      expect((await dealsRun(funnel(), fullAccess('crm', 'deal'))).map(numbers)).toEqual([
        { reached_0: 4, reached_1: 4, reached_2: 2, seconds_1: 5400, seconds_2: 7200 },
      ]);
    });

    it('a store manager\'s funnel counts only their store', async () => {
      const manager = accessWith('crm', 'deal', { userId: 'm1', actions: ['read'], scope: { kind: 'orgUnits', orgUnitIds: ['sh01'] } });
      expect((await dealsRun(funnel(), manager)).map(numbers)).toEqual([{ reached_0: 2, reached_1: 2, reached_2: 2, seconds_1: 5400, seconds_2: 7200 }]);
      expect(await store.reports('crm', 'deal').funnelRecordIds(manager, funnel(), 2, 500)).toHaveLength(2);
    });

    it('splits by a dimension, and lists the records behind a stage', async () => {
      const split = await dealsRun(funnel({ dimensions: [{ key: 'channel', field: 'channel' }] }), fullAccess('crm', 'deal'));
      expect(split.map(numbers)).toEqual([
        { channel: 'expo', reached_0: 1, reached_1: 1, reached_2: 1, seconds_1: 7200, seconds_2: 0 },
        { channel: 'web', reached_0: 3, reached_1: 3, reached_2: 1, seconds_1: 3600, seconds_2: 14400 },
      ]);
      const byRegion = await dealsRun(funnel({ dimensions: [{ key: 'region', field: 'orgUnitId', rollup: 'region' }] }), fullAccess('crm', 'deal'));
      expect(byRegion.map((r) => [r.region, r.reached_0, r.reached_2])).toEqual([['east', 3, 2], ['west', 1, 0]]);
      const ids = await store.reports('crm', 'deal').funnelRecordIds(fullAccess('crm', 'deal'), funnel({ filter: { '==': [{ var: 'channel' }, 'web'] } }), 1, 500);
      expect(ids).toHaveLength(3);
    });
  });
});
