import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type TestApp } from '../testing/test-app';

describe.each(testDialects())('roles API (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
  });
  afterAll(async () => t?.close());

  it('lists the roles of an app by key and name, without what they grant, to any member', async () => {
    const res = await call(t.app, { method: 'GET', url: '/api/apps/crm/roles', headers: crm.clerkA.headers });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { key: string }) => r.key)).toEqual(['clerk', 'manager']);
    expect(res.body.items[1]).toEqual({ key: 'manager', name: expect.objectContaining({ en: 'Store manager' }) });
    expect(JSON.stringify(res.body)).not.toContain('grants');
  });

  it('answers 404 for an unknown app and 401 without a session', async () => {
    expect((await call(t.app, { method: 'GET', url: '/api/apps/nope/roles', headers: crm.admin.headers })).status).toBe(404);
    const anonymous = await call(t.app, { method: 'GET', url: '/api/apps/crm/roles' });
    expect(anonymous.status).toBe(401);
  });
});
