import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const DASHBOARDS = '/api/apps/crm/dashboards';
const chart = (key: string) => ({
  schemaVersion: 1, key, source: { form: 'lead' }, dimensions: [{ field: 'channel' }], measures: [{ key: 'leads', fn: 'count' }], chart: { kind: 'pie' },
});
const dashboard = (key: string, roles: string[]) => ({
  schemaVersion: 1, key, title: { 'zh-CN': '门店概览', en: 'Store overview' },
  filters: { dateRange: { field: 'createdAt', default: 'last30Days' }, orgUnit: { field: 'orgUnitId' } },
  layout: [{ id: 'a', report: chart('by_channel'), x: 0, y: 0, w: 6, h: 4 }],
  roles,
});

describe.each(testDialects())('dashboards API (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  const send = (who: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    call(t.app, { method, url, headers: { ...who.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
  });
  afterAll(async () => t?.close());

  it('designers create, replace and delete; the list shows titles and roles', async () => {
    const created = await send(crm.admin, 'POST', DASHBOARDS, dashboard('managers', ['manager']));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'managers', dashboard: { title: { en: 'Store overview' } } });
    expect((await send(crm.admin, 'POST', DASHBOARDS, dashboard('managers', []))).status).toBe(409);
    const replaced = await send(crm.admin, 'PUT', `${DASHBOARDS}/managers`, { ...dashboard('managers', ['manager']), title: { en: 'Stores' } });
    expect(replaced.status).toBe(200);
    expect((await send(crm.clerkA, 'GET', `${DASHBOARDS}/managers`)).body.dashboard.title).toEqual({ en: 'Stores' });
    expect((await send(crm.clerkA, 'GET', DASHBOARDS)).body.items).toEqual([{ key: 'managers', title: { en: 'Stores' }, roles: ['manager'], updatedAt: expect.any(String) }]);
    await send(crm.admin, 'POST', DASHBOARDS, dashboard('gone', []));
    expect((await send(crm.admin, 'DELETE', `${DASHBOARDS}/gone`)).status).toBe(204);
    expect((await send(crm.admin, 'GET', `${DASHBOARDS}/gone`)).status).toBe(404);
    expect((await send(crm.admin, 'DELETE', `${DASHBOARDS}/gone`)).status).toBe(404);
  });

  it('saving needs the design permission', async () => {
    expect((await send(crm.manager1, 'POST', DASHBOARDS, dashboard('mine', []))).status).toBe(403);
    expect((await send(crm.clerkA, 'DELETE', `${DASHBOARDS}/managers`)).status).toBe(403);
    expect((await send(crm.admin, 'GET', `${DASHBOARDS}/managers`)).status).toBe(200);
  });

  it('a bad dashboard is refused with 422 and every path, its inline reports included', async () => {
    const bad = { ...dashboard('bad', []), layout: [{ id: 'a', report: { ...chart('x'), sort: [{ key: 'nope', dir: 'asc' }] }, x: 8, y: 0, w: 6, h: 4 }] };
    const res = await send(crm.admin, 'POST', DASHBOARDS, bad, { 'accept-language': 'zh-CN' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)).toEqual(['/layout/0/w maximum', '/layout/0/report/sort/0/key unknownOutput']);
    expect(res.body.errors[1].message).toBe('报表中没有维度或指标“nope”');
    const mismatch = await send(crm.admin, 'PUT', `${DASHBOARDS}/managers`, dashboard('other', []));
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: '/key', code: 'keyMismatch' })]);
  });

  it('the default dashboard follows the caller\'s role', async () => {
    await send(crm.admin, 'POST', DASHBOARDS, dashboard('clerks', ['clerk']));
    expect((await send(crm.manager1, 'GET', `${DASHBOARDS}/default`)).body.key).toBe('managers');
    expect((await send(crm.clerkB, 'GET', `${DASHBOARDS}/default`)).body.key).toBe('clerks');
    expect((await send(crm.admin, 'GET', `${DASHBOARDS}/default`)).status).toBe(404);
  });
});
