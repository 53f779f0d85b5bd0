import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const LEADS = '/api/apps/crm/forms/lead/records';

describe.each(testDialects())('Idempotency-Key on record creates (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;

  const send = async (who: Session, key: string | undefined, payload: unknown, locale = 'en') => {
    const res = await t.app.inject({
      method: 'POST', url: LEADS, payload: payload as Record<string, unknown>,
      headers: { ...who.headers, 'accept-language': locale, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });
    return { status: res.statusCode, body: JSON.parse(res.body), replayed: res.headers['idempotent-replayed'] };
  };
  const named = async (name: string) => {
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, name] }));
    const res = await t.app.inject({ method: 'GET', url: `${LEADS}?filter=${filter}&includeDeleted=true`, headers: crm.admin.headers });
    return JSON.parse(res.body).total as number;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
  });
  afterAll(async () => t?.close());

  it('answers a retry with the first record, 200 and Idempotent-Replayed, creating nothing', async () => {
    const first = await send(crm.clerkA, 'visit-0001', { data: { name: 'Retry Wang', channel: 'web' } });
    expect(first.status).toBe(201);
    expect(first.replayed).toBeUndefined();
    // Same values, keys in another order: the same request.
    const retry = await send(crm.clerkA, 'visit-0001', { data: { channel: 'web', name: 'Retry Wang' } });
    expect(retry).toMatchObject({ status: 200, replayed: 'true' });
    expect(retry.body).toEqual(first.body);
    expect(await named('Retry Wang')).toBe(1);
  });

  it('refuses the same key with a different body: 409 located at the header, in the caller\'s language', async () => {
    await send(crm.clerkA, 'visit-0002', { data: { name: 'Key Li' } });
    for (const [locale, title] of [['en', 'This Idempotency-Key was already used for a different request'], ['zh-CN', '该幂等键（Idempotency-Key）已用于另一个不同的请求']]) {
      const reused = await send(crm.clerkA, 'visit-0002', { data: { name: 'Key Zhou' } }, locale);
      expect(reused.status).toBe(409);
      expect(reused.body).toMatchObject({ code: 'ERR_IDEMPOTENCY_KEY_REUSED', title, errors: [{ path: '/headers/idempotency-key', code: 'ERR_IDEMPOTENCY_KEY_REUSED' }] });
    }
    expect(await named('Key Zhou')).toBe(0);
    expect(await named('Key Li')).toBe(1);
  });

  it('keeps each user\'s keys apart', async () => {
    const a = await send(crm.clerkA, 'visit-0003', { data: { name: 'Shared Key' } });
    const b = await send(crm.clerkB, 'visit-0003', { data: { name: 'Shared Key' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await named('Shared Key')).toBe(2);
  });

  it('creates exactly one record when two requests with the same key race', async () => {
    const [one, two] = await Promise.all([
      send(crm.clerkA, 'visit-race', { data: { name: 'Racer' } }),
      send(crm.clerkA, 'visit-race', { data: { name: 'Racer' } }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect(one.body.id).toBe(two.body.id);
    expect(await named('Racer')).toBe(1);
  });

  it('refuses an empty, too long or unprintable key with 400 and stores nothing', async () => {
    for (const key of ['', 'x'.repeat(201), 'é-accent']) {
      const res = await send(crm.clerkA, key, { data: { name: 'Bad Key' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('/headers/idempotency-key');
    }
    expect(await named('Bad Key')).toBe(0);
  });
});
