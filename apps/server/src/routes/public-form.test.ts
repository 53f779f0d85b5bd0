import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, createUser, setupAdmin, type TestApp } from '../testing/test-app';

const SETTINGS = '/api/apps/crm/forms/lead/public';
const LEADS = '/api/apps/crm/forms/lead/records';

const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  fields: ['name', 'phone'],
  prefill: ['channel'],
  ownerId: null,
  orgUnitId: 'sh01',
  thankYou: { title: { en: 'Thanks!', 'zh-CN': '谢谢！' } },
  duplicate: { field: 'phone', days: 30 },
  rateLimitPerHour: 100,
  ...over,
});

describe.each(testDialects())('public forms API (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let token: string;

  const save = (body: unknown, who = crm.admin, url = SETTINGS) => call(t.app, { method: 'PUT', url, headers: { ...who.headers, 'accept-language': 'zh-CN' }, payload: body as Record<string, unknown> });
  const submit = (payload: Record<string, unknown>, tok = token, ip = '203.0.113.7') =>
    call(t.app, { method: 'POST', url: `/api/public/forms/${tok}/submissions`, payload, remoteAddress: ip, headers: { 'accept-language': 'zh-CN' } });
  const leads = async () => (await call(t.app, { method: 'GET', url: `${LEADS}?limit=500`, headers: crm.admin.headers })).body.items as { id: string; data: Record<string, unknown>; ownerId: string | null; orgUnitId: string | null }[];
  const events = async (id: string) => (await call(t.app, { method: 'GET', url: `${LEADS}/${id}/events`, headers: crm.admin.headers })).body.items as { kind: string; via: string; diff: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
  });
  afterAll(async () => t?.close());

  it('lets only designers read and change the settings', async () => {
    expect((await call(t.app, { method: 'GET', url: SETTINGS })).status).toBe(401);
    const clerk = await call(t.app, { method: 'GET', url: SETTINGS, headers: crm.clerkA.headers });
    expect(clerk.status).toBe(403);
    expect((await save(settings(), crm.manager1)).status).toBe(403);
    const fresh = await call(t.app, { method: 'GET', url: SETTINGS, headers: crm.admin.headers });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ enabled: false, token: null, settings: { duplicate: { field: 'phone', days: 30 } } });
    expect(fresh.body.settings.fields).toContain('name');
    expect(fresh.body.settings.fields).not.toContain('code');

    // A non-admin whose role grants the app's design permission may.
    const designer = await createUser(t.app, crm.admin, 'designer@example.com');
    await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/designer', headers: crm.admin.headers, payload: { schemaVersion: 1, key: 'designer', name: { en: 'Designer' }, grants: [], appPermissions: ['design'] } });
    await call(t.app, { method: 'POST', url: '/api/apps/crm/members', headers: crm.admin.headers, payload: { userId: designer.userId, role: 'designer', orgUnitId: null } });
    expect((await call(t.app, { method: 'GET', url: SETTINGS, headers: designer.headers })).status).toBe(200);
  });

  it('refuses settings that name unknown or unsuitable fields, locating each, and stores nothing', async () => {
    const res = await save(settings({ fields: ['phone', 'nope'], prefill: ['budget'], duplicate: { field: 'channel', days: 30 }, ownerId: 'ghost', orgUnitId: 'nowhere' }));
    expect(res.status).toBe(422);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.code).toBe('ERR_PUBLIC_FORM_INVALID');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/duplicate/field', '/fields', '/fields/1', '/orgUnitId', '/ownerId', '/prefill/0']);
    expect(res.body.errors.find((e: { path: string }) => e.path === '/fields').message).toContain('必填');
    const bad = await save({ ...settings(), thankYou: { redirectUrl: 'javascript:alert(1)' } });
    expect(bad.status).toBe(400);
    expect((await call(t.app, { method: 'GET', url: SETTINGS, headers: crm.admin.headers })).body.token).toBeNull();
  });

  it('answers 404 for a disabled form, then serves only the public fields once enabled', async () => {
    const off = await save(settings({ enabled: false, ownerId: crm.manager1.userId }));
    expect(off.status).toBe(200);
    token = off.body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(off.body.link).toMatch(new RegExp(`/f/${token}$`));
    expect(off.body.embed).toContain(`<iframe src="${off.body.link}"`);
    expect((await call(t.app, { method: 'GET', url: `/api/public/forms/${token}` })).status).toBe(404);
    expect((await submit({ data: { name: 'X', phone: '13900000000' } })).status).toBe(404);

    const on = await save(settings({ ownerId: crm.manager1.userId }));
    expect(on.body.token).toBe(token);
    const view = await call(t.app, { method: 'GET', url: `/api/public/forms/${token}` });
    expect(view.status).toBe(200);
    expect(view.body.form.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'phone']);
    expect(JSON.stringify(view.body)).not.toContain('secret');
    expect(JSON.stringify(view.body)).not.toContain(crm.manager1.userId);
    expect(view.body.thankYou.title.en).toBe('Thanks!');
    expect((await call(t.app, { method: 'GET', url: '/api/public/forms/AAAAAAAAAAAAAAAAAAAAAAAA' })).status).toBe(404);
  });

  it('stores a submission as the configured owner, taking hidden values only from allow-listed parameters', async () => {
    const res = await submit({
      data: { name: 'Lily', phone: '13912345678', secret: 'typed in', budget: '99999', stage: 'won' },
      params: { channel: 'expo', secret: 'from the link', stage: 'won' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'received', thankYou: { title: { en: 'Thanks!', 'zh-CN': '谢谢！' } } });
    const lily = (await leads()).find((r) => r.data.name === 'Lily')!;
    expect(lily.data).toMatchObject({ name: 'Lily', phone: '13912345678', channel: 'expo', stage: 'new' });
    expect(lily.data.secret).toBeUndefined();
    expect(lily.data.budget).toBeUndefined();
    expect(lily.ownerId).toBe(crm.manager1.userId);
    expect(lily.orgUnitId).toBe('sh01');
    const [created] = await events(lily.id);
    expect(created).toMatchObject({ kind: 'created', via: 'public' });
    expect(created!.diff.channel).toEqual([null, 'expo']);
  });

  it('drops a link parameter the form refuses instead of refusing the visitor', async () => {
    expect((await submit({ data: { name: 'Tom', phone: '13700000001' }, params: { channel: 'tv' } })).status).toBe(201);
    const tom = (await leads()).find((r) => r.data.name === 'Tom')!;
    expect(tom.data.channel).toBeUndefined();
  });

  it('refuses what the visitor typed wrong with located, localised problems and stores nothing', async () => {
    const before = (await leads()).length;
    const res = await submit({ data: { phone: '12345' } });
    expect(res.status).toBe(422);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/data/name', '/data/phone']);
    expect(res.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect((await leads()).length).toBe(before);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const before = (await leads()).length;
    const res = await submit({ data: { name: 'Bot', phone: '13600000000' }, website: 'http://spam.example' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('received');
    expect((await leads()).length).toBe(before);
  });

  it('adds no second record for the same phone within the window, but notes it on the first', async () => {
    const before = (await leads()).length;
    const again = await submit({ data: { name: 'Lily Wang', phone: '13912345678' }, params: { channel: 'street' } });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('received');
    const all = await leads();
    expect(all.length).toBe(before);
    const lily = all.find((r) => r.data.phone === '13912345678')!;
    expect(lily.data.name).toBe('Lily');
    const history = await events(lily.id);
    expect(history.map((e) => e.kind)).toEqual(['created', 'resubmitted']);
    expect(history[1]).toMatchObject({ via: 'public', diff: { name: ['Lily', 'Lily Wang'], channel: ['expo', 'street'] } });

    // Past the window (counted from when the first record was stored) the same phone is a new lead.
    const today = t.clock.now;
    const stored = new Date((lily as unknown as { createdAt: string }).createdAt).getTime();
    const submitOn = async (at: number) => {
      t.clock.now = new Date(at);
      try {
        return (await submit({ data: { name: 'Lily', phone: '13912345678' } })).status;
      } finally {
        t.clock.now = today; // the designers' sessions would have expired meanwhile
      }
    };
    expect(await submitOn(stored + 29 * 24 * 60 * 60 * 1000)).toBe(201);
    expect((await leads()).length).toBe(before);
    expect(await submitOn(stored + 31 * 24 * 60 * 60 * 1000)).toBe(201);
    expect((await leads()).length).toBe(before + 1);
  });

  it('makes one record of two submissions of the same phone sent at the same instant', async () => {
    const before = (await leads()).length;
    const both = await Promise.all([
      submit({ data: { name: 'Twin A', phone: '13511112222' } }),
      submit({ data: { name: 'Twin B', phone: '13511112222' } }),
    ]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const twins = (await leads()).filter((r) => r.data.phone === '13511112222');
    expect(twins).toHaveLength(1);
    expect((await leads()).length).toBe(before + 1);
    expect((await events(twins[0]!.id)).map((e) => e.kind)).toEqual(['created', 'resubmitted']);
  });

  it('limits submissions per client address with a 429 problem', async () => {
    const hr = await save(settings({ rateLimitPerHour: 2, ownerId: null, orgUnitId: null }), crm.admin, '/api/apps/hr/forms/lead/public');
    expect(hr.status).toBe(200);
    const hrToken = hr.body.token as string;
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await submit({ data: { name: `R${i}`, phone: `1380000000${i}` } }, hrToken, '198.51.100.1')).status);
    expect(codes).toEqual([201, 201, 429]);
    const limited = await submit({ data: { name: 'R9', phone: '13800000009' } }, hrToken, '198.51.100.1');
    expect(limited.contentType).toContain('application/problem+json');
    expect(limited.body.code).toBe('ERR_RATE_LIMITED');
    // Another address is not held back.
    expect((await submit({ data: { name: 'R3', phone: '13800000003' } }, hrToken, '198.51.100.2')).status).toBe(201);
  });

  it('rotates the token: the old link stops working at once', async () => {
    const res = await call(t.app, { method: 'POST', url: `${SETTINGS}/token`, headers: crm.admin.headers });
    expect(res.status).toBe(200);
    expect(res.body.token).not.toBe(token);
    expect((await call(t.app, { method: 'GET', url: `/api/public/forms/${token}` })).status).toBe(404);
    expect((await call(t.app, { method: 'GET', url: `/api/public/forms/${res.body.token}` })).status).toBe(200);
    token = res.body.token;
  });

  it('draws the link as a QR code in PNG and SVG for designers only', async () => {
    const png = await t.app.inject({ method: 'GET', url: `${SETTINGS}/qr.png`, headers: crm.admin.headers });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
    const svg = await t.app.inject({ method: 'GET', url: `${SETTINGS}/qr.svg`, headers: crm.admin.headers });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect((await t.app.inject({ method: 'GET', url: `${SETTINGS}/qr.png`, headers: crm.clerkA.headers })).statusCode).toBe(403);
  });
});
