import type { ReportDefinition } from '@tangram/schema';
import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, createUser, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const LEADS = '/api/apps/crm/forms/lead/records';
const RUN = '/api/apps/crm/reports/run';
const DRILL = '/api/apps/crm/reports/drill';

const byChannel: ReportDefinition = {
  schemaVersion: 1, key: 'by_channel', source: { form: 'lead' },
  dimensions: [{ field: 'channel' }],
  measures: [{ key: 'leads', fn: 'count' }, { key: 'budget', fn: 'sum', field: 'budget' }, { key: 'won_rate', fn: 'count', ratio: { numerator: { '==': [{ var: 'stage' }, 'won'] } } }],
  sort: [{ key: 'leads', dir: 'desc' }],
  chart: { kind: 'bar' },
};
const funnel: ReportDefinition = {
  schemaVersion: 1, key: 'stages', source: { form: 'lead', funnel: { field: 'stage', stages: ['new', 'won'] } }, dimensions: [], measures: [], chart: { kind: 'funnel' },
};

const byMonthAndRegion: ReportDefinition = {
  schemaVersion: 1, key: 'by_month', source: { form: 'lead' },
  dimensions: [{ key: 'month', field: 'createdAt', bucket: 'month' }, { key: 'region', field: 'orgUnitId', rollup: 'region' }],
  measures: [{ key: 'n', fn: 'count' }], chart: { kind: 'column' },
};
const pivot: ReportDefinition = {
  schemaVersion: 1, key: 'pivot', source: { form: 'lead' }, dimensions: [{ field: 'channel' }, { field: 'stage' }], measures: [{ key: 'n', fn: 'count' }], chart: { kind: 'pivot' },
};

/** name, channel, budget, store, final stage: what each lead ends as. Hand-computed answers below. */
const SEED = [
  ['L1', 'web', '100.00', 'sh01', 'won'],
  ['L2', 'web', '50.50', 'sh01', 'new'],
  ['L3', 'expo', '20.00', 'sh01', 'won'],
  ['L4', 'web', '10.00', 'sh02', 'won'],
  ['L5', 'street', null, 'sh02', 'lost'],
  ['L6', 'web', '5.00', 'sh02', 'new'],
] as const;

describe.each(testDialects())('reports API (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let outsider: Session;
  const run = (who: Session, payload: unknown, headers: Record<string, string> = {}) =>
    call(t.app, { method: 'POST', url: RUN, headers: { ...who.headers, ...headers }, payload: payload as Record<string, unknown> });
  const drill = (who: Session, payload: unknown) => call(t.app, { method: 'POST', url: DRILL, headers: who.headers, payload: payload as Record<string, unknown> });
  const listCount = async (who: Session, filter: unknown) => {
    const res = await call(t.app, { method: 'GET', url: `${LEADS}?limit=500&filter=${encodeURIComponent(JSON.stringify(filter))}`, headers: who.headers });
    if (res.status !== 200) throw new Error(`list failed: ${JSON.stringify(res.body)}`);
    return res.body.total as number;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    outsider = await createUser(t.app, crm.admin, 'outsider@example.com');
    for (const [name, channel, budget, store, stage] of SEED) {
      const created = await call(t.app, { method: 'POST', url: LEADS, headers: crm.admin.headers, payload: { data: { name, channel, ...(budget ? { budget } : {}), stage: 'new' }, orgUnitId: store } });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      if (stage !== 'new') {
        const changed = await call(t.app, { method: 'PATCH', url: `${LEADS}/${created.body.id}`, headers: crm.admin.headers, payload: { version: created.body.version, data: { stage } } });
        if (changed.status !== 200) throw new Error(JSON.stringify(changed.body));
      }
    }
  });
  afterAll(async () => t?.close());

  it('answers columns, rows and meta as computed by hand, sorted by the measure', async () => {
    const res = await run(crm.admin, { report: byChannel });
    expect(res.status).toBe(200);
    expect(res.body.columns.map((c: { key: string; kind: string }) => `${c.key}:${c.kind}`)).toEqual(['channel:text', 'leads:number', 'budget:decimal', 'won_rate:ratio']);
    expect(res.body.rows).toEqual([
      { channel: 'web', leads: 4, budget: '165.50', won_rate: 0.5 },
      { channel: 'expo', leads: 1, budget: '20.00', won_rate: 1 },
      { channel: 'street', leads: 1, budget: null, won_rate: 0 },
    ]);
    expect(res.body.meta).toEqual({ form: 'lead', groups: 3, others: false, ignoredFilters: [], cached: false });
  });

  it('each viewer gets their own numbers: a store manager counts only their store, and the cache never mixes them', async () => {
    const first = await run(crm.manager1, { report: byChannel });
    expect(first.body.rows.map((r: { channel: string; leads: number }) => [r.channel, r.leads])).toEqual([['web', 2], ['expo', 1]]);
    const other = await run(crm.manager2, { report: byChannel });
    expect(other.body.rows.map((r: { channel: string; leads: number }) => [r.channel, r.leads])).toEqual([['web', 2], ['street', 1]]);
    expect(other.body.meta.cached).toBe(false);
    const again = await run(crm.manager1, { report: byChannel });
    expect(again.body).toEqual({ ...first.body, meta: { ...first.body.meta, cached: true } });
  });

  it('a store manager\'s funnel counts only their store', async () => {
    const all = await run(crm.admin, { report: funnel });
    expect(all.body.rows.map((r: { stage: string; reached: number }) => [r.stage, r.reached])).toEqual([['new', 6], ['won', 3]]);
    const mine = await run(crm.manager2, { report: funnel });
    expect(mine.body.rows.map((r: { stage: string; reached: number; conversion: number | null }) => [r.stage, r.reached, r.conversion])).toEqual([['new', 3, null], ['won', 1, 0.3333]]);
  });

  it('drilling into a bar, a month and region, a pivot cell or a funnel stage lists exactly the records counted, for the same viewer', async () => {
    for (const who of [crm.admin, crm.manager1, crm.manager2]) {
      const report = await run(who, { report: byChannel, filters: { orgUnit: { field: 'orgUnitId', id: 'east' } } });
      for (const row of report.body.rows as { channel: string; leads: number }[]) {
        const res = await drill(who, { report: byChannel, filters: { orgUnit: { field: 'orgUnitId', id: 'east' } }, cell: { values: { channel: row.channel } } });
        expect(res.status).toBe(200);
        expect(await listCount(who, res.body.filter)).toBe(row.leads);
      }
      for (const report of [byMonthAndRegion, pivot]) {
        const cells = await run(who, { report });
        expect(cells.body.rows.length).toBeGreaterThan(0);
        for (const row of cells.body.rows as Record<string, string | number | null>[]) {
          const values = Object.fromEntries(report.dimensions.map((d) => [d.key ?? d.field, row[d.key ?? d.field] ?? null]));
          const res = await drill(who, { report, cell: { values } });
          expect(await listCount(who, res.body.filter)).toBe(row.n);
        }
      }
      const stages = await run(who, { report: funnel });
      for (const row of stages.body.rows as { stage: string; reached: number }[]) {
        const res = await drill(who, { report: funnel, cell: { stage: row.stage, values: {} } });
        expect(res.body.truncated).toBe(false);
        expect(await listCount(who, res.body.filter)).toBe(row.reached);
      }
    }
  });

  it('refuses a bad report with 422 and every problem path, in the caller\'s language', async () => {
    const shape = await run(crm.admin, { report: { ...byChannel, measures: [{ key: 'x', fn: 'mode' }], chart: { kind: 'radar' } } });
    expect(shape.status).toBe(422);
    expect(shape.contentType).toContain('application/problem+json');
    expect(shape.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/report/measures/0/fn enum', '/report/chart/kind enum']);
    const fields = await run(crm.admin, { report: { ...byChannel, dimensions: [{ field: 'colour' }], measures: [{ key: 'n', fn: 'sum', field: 'name' }], sort: [] } }, { 'accept-language': 'zh-CN' });
    expect(fields.status).toBe(422);
    expect(fields.body.errors).toEqual([
      expect.objectContaining({ path: '/report/dimensions/0/field', code: 'unknownField', message: '表单中没有字段“colour”' }),
      expect.objectContaining({ path: '/report/measures/0/fn', code: 'measureFieldKind' }),
    ]);
    const filters = await run(crm.admin, { report: byChannel, filters: { dateRange: { field: 'createdAt', from: '2026-13-01', to: '2026-01-01' } } });
    expect(filters.body.errors.map((e: { path: string }) => e.path)).toEqual(['/filters/dateRange/from']);
  });

  it('a clerk may not report on a field hidden from them; a stranger to the app sees no form', async () => {
    const hidden = await run(crm.clerkA, { report: { ...byChannel, dimensions: [{ field: 'secret' }], sort: [] } });
    expect(hidden.status).toBe(422);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ path: '/report/dimensions/0/field', code: 'fieldHidden' })]);
    expect((await run(outsider, { report: byChannel })).status).toBe(404);
    expect((await drill(outsider, { report: byChannel, cell: { values: { channel: 'web' } } })).status).toBe(404);
  });

  it('odd but well-formed reports get an answer or a located 4xx, never a 5xx', async () => {
    const odd: ReportDefinition[] = [
      { ...byChannel, filter: { frobnicate: [1] }, sort: [] },
      { ...byChannel, filter: { '==': [{ var: '$user.id' }, { var: 'createdBy' }] } },
      { ...byChannel, dimensions: [{ field: 'createdBy' }, { field: 'updatedAt', bucket: 'day' }], measures: [{ key: 'first', fn: 'min', field: 'name' }, { key: 'owners', fn: 'countDistinct', field: 'ownerId' }], sort: [] },
      { ...byChannel, measures: [{ key: 'm', fn: 'median', field: 'budget', ratio: { numerator: { in: [{ var: 'stage' }, ['won', 'lost']] } } }], sort: [{ key: 'm', dir: 'asc' }], limit: 1, others: true },
      { ...funnel, dimensions: [{ key: 'week', field: 'createdAt', bucket: 'week' }], sort: [{ key: 'reached', dir: 'desc' }] },
    ];
    for (const report of odd) {
      const res = await run(crm.clerkA, { report, filters: { dateRange: { field: 'createdAt', from: '2026-01-01', to: '2026-12-31' }, owner: { field: 'ownerId', users: ['nobody'] } } });
      expect([report.key, res.status < 500]).toEqual([report.key, true]);
      if (res.status >= 400) expect(res.contentType).toContain('application/problem+json');
    }
  });

  it('runs a saved report by key; an unknown key is a located 422', async () => {
    await t.store.definitions.saveDraft({ userId: null, via: 'system' }, 'crm', 'report', 'saved_by_channel', { ...byChannel, key: 'saved_by_channel' });
    const saved = await run(crm.manager1, { reportKey: 'saved_by_channel' });
    expect(saved.body.rows.map((r: { channel: string; leads: number }) => [r.channel, r.leads])).toEqual([['web', 2], ['expo', 1]]);
    const unknown = await run(crm.manager1, { reportKey: 'nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/reportKey', code: 'unknownReport' })]);
  });

  it('compares with the previous period of equal length', async () => {
    const res = await run(crm.admin, {
      report: { ...byChannel, measures: [{ key: 'leads', fn: 'count', compare: 'previousPeriod' }] },
      filters: { dateRange: { field: 'createdAt', from: '2020-01-01', to: '2099-12-31' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toEqual({ channel: 'web', leads: 4, leads_previous: 0, leads_delta: null });
    expect(res.body.meta.previousPeriod.to).toBe('2019-12-31');
  });
});
