import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

describe.each(testDialects())('bad input on public and identity routes (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await setupAdmin(t.app);
  });
  afterAll(async () => t?.close());

  const jsonRoutes = [
    { method: 'POST', url: '/api/auth/login', auth: false },
    { method: 'POST', url: '/api/setup', auth: false },
    { method: 'POST', url: '/api/users', auth: true },
    { method: 'POST', url: '/api/auth/tokens', auth: true },
  ] as const;

  it.each(jsonRoutes)('$method $url: malformed JSON -> 400 ERR_MALFORMED_JSON', async ({ method, url, auth }) => {
    const res = await call(t.app, { method, url, headers: { 'content-type': 'application/json', ...(auth ? admin.headers : {}) }, payload: '{"email": "a@b.c", ' });
    expect(res).toMatchObject({ status: 400, body: { code: 'ERR_MALFORMED_JSON' } });
    expect(res.contentType).toContain('application/problem+json');
  });

  it.each(jsonRoutes)('$method $url: wrong content type -> 415', async ({ method, url, auth }) => {
    const res = await call(t.app, { method, url, headers: { 'content-type': 'text/plain', ...(auth ? admin.headers : {}) }, payload: 'email=a' });
    expect(res).toMatchObject({ status: 415, body: { code: 'ERR_UNSUPPORTED_MEDIA_TYPE' } });
  });

  it.each(jsonRoutes)('$method $url: body over 1 MiB -> 413', async ({ method, url, auth }) => {
    const res = await call(t.app, { method, url, headers: { 'content-type': 'application/json', ...(auth ? admin.headers : {}) }, payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(res).toMatchObject({ status: 413, body: { code: 'ERR_PAYLOAD_TOO_LARGE' } });
  });

  it('lists every wrong type and unknown field, without coercing', async () => {
    const res = await call(t.app, { method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 42, password: 12345678, name: 'X', role: 'boss' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR_VALIDATION');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/email', '/password', '/role']));
    expect(res.body.errors.find((e: { path: string }) => e.path === '/role').code).toBe('additionalProperties');
    expect(await t.store.identity.countUsers()).toBe(1);
  });

  it('treats an empty JSON body as no body, and refuses prototype keys as malformed', async () => {
    const session = await call(t.app, { method: 'POST', url: '/api/auth/login', payload: { email: 'admin@example.com', password: 'correct horse' } });
    const logout = await call(t.app, { method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${session.body.token}`, 'content-type': 'application/json' }, payload: '' });
    expect(logout.status).toBe(204);
    const empty = await call(t.app, { method: 'POST', url: '/api/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '' });
    expect(empty).toMatchObject({ status: 400, body: { code: 'ERR_VALIDATION' } });
    const proto = await call(t.app, { method: 'POST', url: '/api/users', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"email":"p@example.com","password":"password-1","name":"P","__proto__":{"isAdmin":true}}' });
    expect(proto).toMatchObject({ status: 400, body: { code: 'ERR_MALFORMED_JSON' } });
    expect(await t.store.identity.countUsers()).toBe(1);
  });

  it('answers unknown routes with a 404 problem, in Chinese when asked', async () => {
    const res = await call(t.app, { method: 'GET', url: '/api/nope', headers: { 'accept-language': 'zh-CN' } });
    expect(res).toMatchObject({ status: 404, body: { code: 'ERR_ROUTE_NOT_FOUND', title: '接口不存在' } });
  });

  it('stores SQL-looking strings verbatim and harmlessly', async () => {
    const name = "Robert'); DROP TABLE users; --";
    const res = await call(t.app, { method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'bobby@example.com', password: 'password-1', name } });
    expect(res).toMatchObject({ status: 201, body: { name } });
    expect(await t.store.identity.countUsers()).toBe(2);
  });
});
