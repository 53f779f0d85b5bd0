import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type TestApp } from '../testing/test-app';

interface Operation { responses?: Record<string, unknown>; parameters?: { in: string; name: string }[]; requestBody?: unknown }
type Paths = Record<string, Record<string, Operation>>;

describe.each(testDialects())('OpenAPI document and hostile input on every route (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let paths: Paths;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    const doc = await call(t.app, { method: 'GET', url: '/api/openapi.json' });
    expect(doc.status).toBe(200);
    paths = doc.body.paths;
  });
  afterAll(async () => t?.close());

  it('documents every API route with a success and a problem response, and shared schemas by name', async () => {
    const doc = (await call(t.app, { method: 'GET', url: '/api/openapi.json' })).body;
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Record', 'RecordPage', 'User', 'App', 'DefinitionVersion', 'OrgUnit']));
    const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses ?? {});
      expect([path, method, statuses.some((s) => s.startsWith('2'))]).toEqual([path, method, true]);
      if (path !== '/api/health' && path !== '/api/setup') expect([path, method, statuses.some((s) => s.startsWith('4'))]).toEqual([path, method, true]);
    }
    expect(paths['/api/apps/{app}/forms/{form}/records']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['filter', 'sort', 'limit', 'cursor', 'app', 'form']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
  });

  const hostileBodies: unknown[] = [
    null, [], 'text', 12, true,
    { __proto__: { isAdmin: true }, constructor: { prototype: { polluted: 1 } } },
    { data: { name: '\u0000\uffff\ud83d\ude00' }, version: 1e308, filter: { '==': [{ var: '__proto__' }, 1] } },
    { data: Array.from({ length: 40 }).reduce<unknown>((inner) => ({ nested: inner }), 1), records: [{ data: null }] },
    { email: "' OR 1=1 --", password: "'; DROP TABLE users; --", name: '<script>alert(1)</script>', locale: 'xx' },
  ];
  const hostileIds = ['1', '0', '-1', '9'.repeat(30), 'abc', '%27%20OR%201%3D1', 'latest'];

  it('never answers a 5xx to hostile input, and every 4xx is a problem document', async () => {
    const fill = (path: string, id: string) => path.replace('{app}', 'crm').replace('{form}', 'lead').replace('{role}', 'clerk').replace(/\{(id|version)\}/g, id);
    let requests = 0;
    for (const [path, methods] of Object.entries(paths)) {
      for (const method of Object.keys(methods)) {
        const upper = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        for (const id of path.includes('{id}') || path.includes('{version}') ? hostileIds : ['x']) {
          const bodies = upper === 'GET' || upper === 'DELETE' ? [undefined] : hostileBodies;
          // Once as a clerk with a hostile query string, once as the admin with none (reaching the handlers).
          const variants = [
            { query: `?filter=${encodeURIComponent('{"var":[[[[')}&limit=-1&sort=%00`, headers: crm.clerkA.headers },
            { query: '', headers: crm.admin.headers },
          ];
          for (const [body, variant] of bodies.flatMap((b) => variants.map((v) => [b, v] as const))) {
            const res = await t.app.inject({
              method: upper,
              url: `${fill(path, id)}${variant.query}`,
              headers: { ...variant.headers, 'content-type': 'application/json' },
              ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
            });
            requests += 1;
            expect([upper, path, id, res.statusCode < 500]).toEqual([upper, path, id, true]);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(200);
  });
});
