import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, createUser, login, setupAdmin, type Session, type TestApp } from '../testing/test-app';

describe.each(testDialects())('health, setup and sign-in (%s)', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(dialect, { rateLimit: { max: 3, timeWindowMs: 60_000 } });
  });
  afterAll(async () => t?.close());

  it('reports health and the database kind', async () => {
    const res = await call(t.app, { method: 'GET', url: '/api/health' });
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', database: dialect } });
  });

  it('needs setup until the first admin exists, then refuses a second setup', async () => {
    expect((await call(t.app, { method: 'GET', url: '/api/setup' })).body).toEqual({ needed: true });
    const weak = await call(t.app, { method: 'POST', url: '/api/setup', payload: { email: 'a@example.com', password: 'short', name: 'A', locale: 'en' } });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toContain('/password');
    admin = await setupAdmin(t.app);
    expect((await call(t.app, { method: 'GET', url: '/api/setup' })).body).toEqual({ needed: false });
    const again = await call(t.app, { method: 'POST', url: '/api/setup', payload: { email: 'b@example.com', password: 'password-2', name: 'B', locale: 'en' } });
    expect(again).toMatchObject({ status: 409, body: { code: 'ERR_SETUP_DONE' } });
    expect(again.contentType).toContain('application/problem+json');
    expect(await t.store.identity.countUsers()).toBe(1);
  });

  it('signs in with a cookie, answers /me, and signs out', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'Admin@Example.com', password: 'correct horse' } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tangram_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(new Date(cookie!.expires!).getTime() - t.clock.now.getTime()).toBe(14 * 24 * 3600 * 1000);
    const me = await call(t.app, { method: 'GET', url: '/api/auth/me', cookies: { tangram_session: cookie!.value } });
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'admin@example.com', isAdmin: true } } });
    expect(me.body.user.passwordHash).toBeUndefined();
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { tangram_session: cookie!.value } });
    expect(out.statusCode).toBe(204);
    const after = await call(t.app, { method: 'GET', url: '/api/auth/me', cookies: { tangram_session: cookie!.value } });
    expect(after).toMatchObject({ status: 401, body: { code: 'ERR_UNAUTHENTICATED' } });
  });

  it('answers the same error for an unknown email and a wrong password, in the caller\'s language', async () => {
    const unknown = await call(t.app, { method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.com', password: 'whatever1' } });
    const wrong = await call(t.app, { method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'zh-CN,zh;q=0.9' }, payload: { email: 'admin@example.com', password: 'wrong-password' } });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'ERR_INVALID_CREDENTIALS', title: 'Wrong email or password' } });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'ERR_INVALID_CREDENTIALS', title: '邮箱或密码错误' } });
  });

  it('expires a session after 14 days', async () => {
    const session = await login(t.app, 'admin@example.com', 'correct horse');
    const before = t.clock.now;
    try {
      t.clock.now = new Date(before.getTime() + 14 * 24 * 3600 * 1000 + 1000);
      const me = await call(t.app, { method: 'GET', url: '/api/auth/me', headers: session.headers });
      expect(me).toMatchObject({ status: 401, body: { code: 'ERR_UNAUTHENTICATED' } });
    } finally {
      t.clock.now = before;
    }
  });

  it('accepts an API token as a bearer on any route, shown once', async () => {
    const created = await call(t.app, { method: 'POST', url: '/api/auth/tokens', headers: admin.headers, payload: { name: 'ci' } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^tgt_[A-Za-z0-9_-]{43}$/);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await call(t.app, { method: 'GET', url: '/api/auth/me', headers: bearer })).body.user.email).toBe('admin@example.com');
    expect((await call(t.app, { method: 'GET', url: '/api/users', headers: bearer })).status).toBe(200);
    const bogus = await call(t.app, { method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer not-a-token' } });
    expect(bogus.status).toBe(401);
  });

  it('stops a disabled user\'s sessions and tokens at once', async () => {
    const clerk = await createUser(t.app, admin, 'clerk@example.com');
    const token = await call(t.app, { method: 'POST', url: '/api/auth/tokens', headers: clerk.headers, payload: { name: 'phone' } });
    const tokenHeaders = { authorization: `Bearer ${token.body.token}` };
    expect((await call(t.app, { method: 'GET', url: '/api/auth/me', headers: clerk.headers })).status).toBe(200);
    const disabled = await call(t.app, { method: 'PATCH', url: `/api/users/${clerk.userId}`, headers: admin.headers, payload: { disabled: true } });
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true } });
    expect((await call(t.app, { method: 'GET', url: '/api/auth/me', headers: clerk.headers })).status).toBe(401);
    expect((await call(t.app, { method: 'GET', url: '/api/auth/me', headers: tokenHeaders })).status).toBe(401);
    const relogin = await call(t.app, { method: 'POST', url: '/api/auth/login', payload: { email: 'clerk@example.com', password: 'password-123' } });
    expect(relogin.status).toBe(401);
  });

  it('lets only admins manage users', async () => {
    const staff = await createUser(t.app, admin, 'staff@example.com');
    const res = await call(t.app, { method: 'POST', url: '/api/users', headers: staff.headers, payload: { email: 'x@example.com', password: 'password-1', name: 'X' } });
    expect(res).toMatchObject({ status: 403, body: { code: 'ERR_NOT_ADMIN' } });
    const dup = await call(t.app, { method: 'POST', url: '/api/users', headers: admin.headers, payload: { email: 'STAFF@example.com', password: 'password-1', name: 'X' } });
    expect(dup).toMatchObject({ status: 409, body: { code: 'ERR_EMAIL_TAKEN' } });
    expect((await call(t.app, { method: 'GET', url: '/api/users', headers: staff.headers })).status).toBe(403);
    const self = await call(t.app, { method: 'PATCH', url: `/api/users/${admin.userId}`, headers: admin.headers, payload: { disabled: true } });
    expect(self).toMatchObject({ status: 409, body: { errors: [{ path: '/disabled' }] } });
    expect((await call(t.app, { method: 'PATCH', url: '/api/users/no-such-user', headers: admin.headers, payload: { disabled: true } })).status).toBe(404);
    expect((await call(t.app, { method: 'GET', url: '/api/users', headers: admin.headers })).status).toBe(200);
  });

  it('rate-limits login attempts per address and email', async () => {
    const attempt = (email: string) => call(t.app, { method: 'POST', url: '/api/auth/login', payload: { email, password: 'bad-password' } });
    for (let i = 0; i < 3; i++) expect((await attempt('victim@example.com')).status).toBe(401);
    const limited = await attempt('victim@example.com');
    expect(limited).toMatchObject({ status: 429, body: { code: 'ERR_RATE_LIMITED' } });
    // Another email from the same address is counted separately.
    expect((await attempt('other@example.com')).status).toBe(401);
  });

  it('refuses requests without credentials on authenticated routes', async () => {
    const res = await call(t.app, { method: 'GET', url: '/api/users' });
    expect(res).toMatchObject({ status: 401, body: { code: 'ERR_UNAUTHENTICATED' } });
  });
});
