import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, managerRole, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const VIEWS = '/api/apps/crm/forms/lead/views';

describe.each(testDialects())('saved list views (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;

  const save = (who: Session, payload: Record<string, unknown>, locale = 'en') =>
    call(t.app, { method: 'POST', url: VIEWS, headers: { ...who.headers, 'accept-language': locale }, payload });
  const list = async (who: Session) => (await call(t.app, { method: 'GET', url: VIEWS, headers: who.headers })).body as { items: { id: string; name: { en?: string }; mine: boolean; shared: boolean }[]; canShare: boolean };
  const names = async (who: Session) => (await list(who)).items.map((v) => v.name.en).sort();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    // Store managers may share views; clerks keep personal ones only.
    await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/manager', headers: crm.admin.headers, payload: { ...managerRole, appPermissions: ['shareViews'] } });
  });
  afterAll(async () => t?.close());

  it('saves a personal view that only its owner sees, with what the list needs to reproduce it', async () => {
    const res = await save(crm.clerkA, {
      name: { en: 'My web leads' }, filter: { '==': [{ var: 'channel' }, 'web'] }, sort: '-budget,name', columns: ['name', 'budget'], layout: 'table',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: { en: 'My web leads' }, shared: false, mine: true, sort: '-budget,name', columns: ['name', 'budget'], layout: 'table', groupBy: null });
    expect(await names(crm.clerkA)).toEqual(['My web leads']);
    expect(await names(crm.clerkB)).toEqual([]);
    expect(await names(crm.manager1)).toEqual([]);
    const other = await call(t.app, { method: 'PATCH', url: `${VIEWS}/${res.body.id}`, headers: crm.clerkB.headers, payload: { name: { en: 'Mine now' } } });
    expect(other.status).toBe(404);
    expect((await call(t.app, { method: 'DELETE', url: `${VIEWS}/${res.body.id}`, headers: crm.clerkB.headers })).status).toBe(404);
  });

  it('shares a view with every reader of the form, read-only to everyone but its owner', async () => {
    const res = await save(crm.manager1, { name: { en: 'Pipeline', 'zh-CN': '销售看板' }, shared: true, layout: 'kanban', groupBy: 'stage', columns: ['name', 'budget'] });
    expect(res.status).toBe(201);
    const seen = await list(crm.clerkB);
    expect(seen.canShare).toBe(false);
    expect(seen.items).toEqual([expect.objectContaining({ id: res.body.id, shared: true, mine: false })]);
    const change = await call(t.app, { method: 'PATCH', url: `${VIEWS}/${res.body.id}`, headers: { ...crm.clerkB.headers, 'accept-language': 'zh-CN' }, payload: { name: { en: 'Hijacked' } } });
    expect(change.status).toBe(403);
    expect(change.body.errors[0]).toMatchObject({ path: '/id', code: 'notViewOwner', message: '只有保存此视图的人可以修改它' });
    expect((await call(t.app, { method: 'DELETE', url: `${VIEWS}/${res.body.id}`, headers: crm.clerkB.headers })).status).toBe(403);
    expect(await names(crm.clerkB)).toEqual(['Pipeline']);

    const renamed = await call(t.app, { method: 'PATCH', url: `${VIEWS}/${res.body.id}`, headers: crm.manager1.headers, payload: { name: { en: 'Stages' }, sort: 'name' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: { en: 'Stages' }, sort: 'name', layout: 'kanban', groupBy: 'stage', shared: true });
    expect((await call(t.app, { method: 'DELETE', url: `${VIEWS}/${res.body.id}`, headers: crm.manager1.headers })).status).toBe(204);
    expect(await names(crm.clerkB)).toEqual([]);
  });

  it('refuses sharing to a user without the permission, and stores nothing', async () => {
    const res = await save(crm.clerkA, { name: { en: 'For all' }, shared: true });
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ path: '/shared', code: 'sharingNotAllowed' });
    expect(await names(crm.clerkA)).toEqual(['My web leads']);
    const mine = (await list(crm.clerkA)).items[0]!;
    const share = await call(t.app, { method: 'PATCH', url: `${VIEWS}/${mine.id}`, headers: crm.clerkA.headers, payload: { shared: true } });
    expect(share.status).toBe(403);
  });

  it('answers 400 with the path for a filter, sort, column or board field the caller cannot use', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ filter: { '==': [{ var: 'nope' }, 1] } }, 'ERR_INVALID_FILTER', '/filter/==/0/var/0'],
      [{ filter: { '==': [{ var: 'secret' }, 'x'] } }, 'ERR_INVALID_FILTER', '/filter/==/0/var/0'],
      [{ sort: 'name,-secret' }, 'ERR_INVALID_SORT', '/sort/1'],
      [{ columns: ['name', 'secret'] }, 'ERR_VALIDATION', '/columns/1'],
      [{ layout: 'kanban', groupBy: 'name' }, 'ERR_VALIDATION', '/groupBy'],
      [{ layout: 'kanban' }, 'ERR_VALIDATION', '/groupBy'],
      [{ layout: 'gallery' }, 'ERR_VALIDATION', '/layout'],
    ];
    for (const [body, code, path] of cases) {
      const res = await save(crm.clerkA, { name: { en: 'Bad' }, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    // The admin sees `secret`, so the same view is fine for them.
    expect((await save(crm.admin, { name: { en: 'Margins' }, filter: { '!=': [{ var: 'secret' }, null] }, columns: ['name', 'secret'] })).status).toBe(201);
    expect(await names(crm.clerkA)).toEqual(['My web leads']);
  });

  it('needs read access to the form and a name', async () => {
    expect((await call(t.app, { method: 'GET', url: '/api/apps/hr/forms/lead/views', headers: crm.clerkA.headers })).status).toBe(404);
    const nameless = await save(crm.clerkA, { name: {} });
    expect(nameless.status).toBe(400);
    expect((await call(t.app, { method: 'PATCH', url: `${VIEWS}/999999`, headers: crm.clerkA.headers, payload: { name: { en: 'x' } } })).status).toBe(404);
  });
});
