import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, createUser, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const LEADS = '/api/apps/crm/forms/lead/records';

describe.each(testDialects())('records API and the permission matrix (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  /** Record ids by who created them. */
  const ids: Record<string, string[]> = {};

  const create = async (who: Session, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    call(t.app, { method: 'POST', url: LEADS, headers: who.headers, payload: { data, ...extra } });
  const list = async (who: Session, query = '') => call(t.app, { method: 'GET', url: `${LEADS}${query}`, headers: who.headers });
  const storedCount = async () => (await list(crm.admin, '?includeDeleted=true')).body.total as number;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    const seed: [keyof Crm, Record<string, unknown>, Record<string, unknown>?][] = [
      ['clerkA', { name: 'A1', channel: 'web', budget: '60000', secret: undefined }],
      ['clerkA', { name: 'A2', channel: 'expo', budget: '1000' }],
      ['clerkB', { name: 'B1', channel: 'web', budget: '70000' }],
      ['manager2', { name: 'M2', channel: 'web', budget: '90000' }],
      ['admin', { name: 'HQ1', channel: 'street', secret: 'margin 40%' }, { orgUnitId: 'sh01', ownerId: undefined }],
    ];
    for (const [who, data, extra] of seed) {
      const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
      const res = await create(crm[who], clean, Object.fromEntries(Object.entries(extra ?? {}).filter(([, v]) => v !== undefined)));
      if (res.status !== 201) throw new Error(`seed failed: ${JSON.stringify(res.body)}`);
      (ids[who] ??= []).push(res.body.id);
    }
  });
  afterAll(async () => t?.close());

  it('creates with defaults, an auto-number, the caller as owner and their org unit', async () => {
    const res = await create(crm.clerkA, { name: 'Fresh', phone: '13800138000' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ownerId: crm.clerkA.userId, orgUnitId: 'sh01', version: 1, data: { name: 'Fresh', stage: 'new' } });
    expect(res.body.data.code).toMatch(/^KH-\d{4}$/);
    ids.clerkA!.push(res.body.id);
  });

  it('answers 422 with every problem by path and stores nothing', async () => {
    const before = await storedCount();
    const res = await create(crm.clerkA, { channel: 'tv', phone: '123', nick: 'x' }, {});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ERR_RECORD_INVALID');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/data/name', '/data/channel', '/data/phone', '/data/nick']));
    for (const e of res.body.errors) expect(typeof e.message).toBe('string');
    expect(await storedCount()).toBe(before);
  });

  describe('row scopes: list, count, get, patch, delete', () => {
    const visible = async (who: Session) => {
      const res = await list(who, '?limit=500');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((r: { data: { name: string } }) => r.data.name).sort();
    };

    it('admin sees every row; a store manager their store; a clerk only their own', async () => {
      expect(await visible(crm.admin)).toEqual(['A1', 'A2', 'B1', 'Fresh', 'HQ1', 'M2']);
      expect(await visible(crm.manager1)).toEqual(['A1', 'A2', 'B1', 'Fresh', 'HQ1']);
      expect(await visible(crm.manager2)).toEqual(['M2']);
      expect(await visible(crm.clerkA)).toEqual(['A1', 'A2', 'Fresh']);
      expect(await visible(crm.clerkB)).toEqual(['B1']);
    });

    it('counts only visible rows, even for a filter that matches hidden ones', async () => {
      const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'channel' }, 'web'] }));
      expect((await list(crm.admin, `?filter=${filter}`)).body.total).toBe(3);
      expect((await list(crm.manager1, `?filter=${filter}`)).body.total).toBe(2);
      expect((await list(crm.clerkB, `?filter=${filter}`)).body.total).toBe(1);
    });

    it('a row outside the scope is not found for get, patch, events and delete', async () => {
      const b1 = ids.clerkB![0]!;
      for (const who of [crm.clerkA, crm.manager2]) {
        expect((await call(t.app, { method: 'GET', url: `${LEADS}/${b1}`, headers: who.headers })).status).toBe(404);
        expect((await call(t.app, { method: 'GET', url: `${LEADS}/${b1}/events`, headers: who.headers })).status).toBe(404);
        expect((await call(t.app, { method: 'PATCH', url: `${LEADS}/${b1}`, headers: who.headers, payload: { version: 1, data: { name: 'hijack' } } })).status).toBe(404);
      }
      expect((await call(t.app, { method: 'DELETE', url: `${LEADS}/${ids.manager2![0]}`, headers: crm.manager1.headers })).status).toBe(404);
      expect((await call(t.app, { method: 'GET', url: `${LEADS}/${b1}`, headers: crm.admin.headers })).body.data.name).toBe('B1');
    });

    it('a clerk may not delete at all; a manager deletes and restores in their store', async () => {
      const a2 = ids.clerkA![1]!;
      expect((await call(t.app, { method: 'DELETE', url: `${LEADS}/${a2}`, headers: crm.clerkA.headers })).body.code).toBe('ERR_FORBIDDEN');
      expect((await call(t.app, { method: 'DELETE', url: `${LEADS}/${a2}`, headers: crm.manager1.headers })).status).toBe(204);
      expect((await call(t.app, { method: 'GET', url: `${LEADS}/${a2}`, headers: crm.clerkA.headers })).status).toBe(404);
      const restored = await call(t.app, { method: 'POST', url: `${LEADS}/${a2}/restore`, headers: crm.manager1.headers });
      expect(restored).toMatchObject({ status: 200, body: { deletedAt: null } });
      const events = await call(t.app, { method: 'GET', url: `${LEADS}/${a2}/events`, headers: crm.manager1.headers });
      expect(events.body.items.map((e: { kind: string }) => e.kind)).toEqual(['created', 'deleted', 'restored']);
    });

    it('a manager updates a clerk\'s row in their store; a stale version is refused with the current one', async () => {
      const a1 = ids.clerkA![0]!;
      const ok = await call(t.app, { method: 'PATCH', url: `${LEADS}/${a1}`, headers: crm.manager1.headers, payload: { version: 1, data: { budget: '65000' } } });
      expect(ok).toMatchObject({ status: 200, body: { version: 2, data: { budget: '65000.00', name: 'A1' } } });
      const stale = await call(t.app, { method: 'PATCH', url: `${LEADS}/${a1}`, headers: crm.clerkA.headers, payload: { version: 1, data: { budget: '1' } } });
      expect(stale).toMatchObject({ status: 409, body: { code: 'ERR_RECORD_STALE', currentVersion: 2 } });
    });

    it('import and export are granted per role', async () => {
      const access = async (who: Session) => (await call(t.app, { method: 'GET', url: '/api/apps/crm/forms/lead/access', headers: who.headers })).body;
      expect((await access(crm.admin)).actions).toEqual(expect.arrayContaining(['import', 'export']));
      expect((await access(crm.manager1)).actions).toContain('export');
      expect((await access(crm.manager1)).actions).not.toContain('import');
      expect((await access(crm.clerkA)).actions).not.toContain('export');
      expect((await access(crm.clerkA)).hiddenFields).toEqual(['secret']);
    });
  });

  describe('field and value rules', () => {
    it('hides a hidden field from every read and refuses it in filters, sorts and writes', async () => {
      const hq1 = ids.admin![0]!;
      expect((await call(t.app, { method: 'GET', url: `${LEADS}/${hq1}`, headers: crm.manager1.headers })).body.data.secret).toBe('margin 40%');
      const mine = await list(crm.clerkA);
      expect(mine.body.items.every((r: { data: object }) => !('secret' in r.data))).toBe(true);
      const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'secret' }, 'margin 40%'] }));
      const byHidden = await list(crm.clerkA, `?filter=${filter}`);
      expect(byHidden).toMatchObject({ status: 400, body: { code: 'ERR_INVALID_FILTER' } });
      expect(byHidden.body.errors[0].path).toMatch(/^\/query\/filter\/==\/0\/var/);
      expect((await list(crm.clerkA, '?sort=-secret')).status).toBe(400);
      const write = await create(crm.clerkA, { name: 'X', secret: 'peek' });
      expect(write).toMatchObject({ status: 403, body: { code: 'ERR_FORBIDDEN', errors: [{ path: '/data/secret', code: 'hiddenField' }] } });
    });

    it('only a store manager may set stage = won', async () => {
      const clerk = await create(crm.clerkA, { name: 'Deal', stage: 'won' });
      expect(clerk).toMatchObject({ status: 403, body: { errors: [{ path: '/data/stage', code: 'deniedValue' }] } });
      const patch = await call(t.app, { method: 'PATCH', url: `${LEADS}/${ids.clerkA![2]}`, headers: crm.clerkA.headers, payload: { version: 1, data: { stage: 'won' } } });
      expect(patch).toMatchObject({ status: 403, body: { errors: [{ path: '/data/stage' }] } });
      expect((await create(crm.clerkA, { name: 'Deal', stage: 'lost' })).status).toBe(201);
      expect((await create(crm.manager1, { name: 'Deal', stage: 'won' })).status).toBe(201);
    });

    it('a clerk may not assign records to others', async () => {
      const res = await create(crm.clerkA, { name: 'Gift' }, { ownerId: crm.clerkB.userId });
      expect(res).toMatchObject({ status: 403, body: { errors: [{ path: '/ownerId' }] } });
    });
  });

  describe('lists', () => {
    it('sorts by several fields and pages with a cursor', async () => {
      const first = await list(crm.admin, '?sort=channel,-name&limit=2');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      const all = (await list(crm.admin, '?sort=channel,-name&limit=500')).body.items.map((r: { id: string }) => r.id);
      const second = await list(crm.admin, `?sort=channel,-name&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect([...first.body.items, ...second.body.items].map((r: { id: string }) => r.id)).toEqual(all.slice(0, 4));
    });

    it.each([
      ['malformed JSON', '{"==": [', 'ERR_INVALID_FILTER'],
      ['an unknown operator', JSON.stringify({ regex_match: [{ var: 'name' }, '.*'] }), 'ERR_INVALID_FILTER'],
      ['an unknown field', JSON.stringify({ '==': [{ var: 'nope' }, 1] }), 'ERR_INVALID_FILTER'],
      ['deep nesting', JSON.stringify(Array.from({ length: 60 }).reduce<unknown>((inner) => ({ '!': [inner] }), true)), 'ERR_INVALID_FILTER'],
    ])('refuses a filter with %s', async (_label, filter, code) => {
      const res = await list(crm.admin, `?filter=${encodeURIComponent(filter)}`);
      expect(res).toMatchObject({ status: 400, body: { code } });
      expect(res.body.errors[0].path).toMatch(/^\/query\/filter/);
    });

    it.each([['?limit=0'], ['?limit=abc'], ['?limit=501'], ['?sort=name;drop'], ['?cursor=garbage'], ['?bogus=1']])('refuses the query %s', async (query) => {
      const res = await list(crm.admin, query);
      expect(res.status).toBe(400);
      expect(res.body.code).toMatch(/^ERR_/);
    });

    it('stores SQL-looking strings verbatim and filters on them harmlessly', async () => {
      const name = "x'); DELETE FROM records; --";
      const created = await create(crm.admin, { name });
      expect(created.body.data.name).toBe(name);
      const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, name] }));
      const found = await list(crm.admin, `?filter=${filter}`);
      expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    });
  });

  describe('batch, idempotency and bulk changes', () => {
    it('creates a batch all or nothing, locating problems by record index', async () => {
      const before = await storedCount();
      const bad = await call(t.app, { method: 'POST', url: `${LEADS}/batch`, headers: crm.clerkA.headers, payload: { records: [{ data: { name: 'ok' } }, { data: { name: 'ok2', phone: 'nope' } }] } });
      expect(bad).toMatchObject({ status: 422, body: { errors: [{ path: '/records/1/data/phone' }] } });
      expect(await storedCount()).toBe(before);
      const good = await call(t.app, { method: 'POST', url: `${LEADS}/batch`, headers: crm.clerkA.headers, payload: { records: Array.from({ length: 20 }, (_, i) => ({ data: { name: `batch ${i}` } })) } });
      expect(good.status).toBe(201);
      const codes = good.body.items.map((r: { data: { code: string } }) => r.data.code);
      expect(new Set(codes).size).toBe(20);
      expect(await storedCount()).toBe(before + 20);
    });

    it('refuses more than 1,000 records in a batch', async () => {
      const res = await call(t.app, { method: 'POST', url: `${LEADS}/batch`, headers: crm.admin.headers, payload: { records: Array.from({ length: 1001 }, () => ({ data: { name: 'n' } })) } });
      expect(res).toMatchObject({ status: 400, body: { code: 'ERR_VALIDATION', errors: [{ path: '/records', code: 'maxItems' }] } });
    });

    it('returns the first record for a retried Idempotency-Key', async () => {
      const headers = { ...crm.clerkA.headers, 'idempotency-key': 'retry-1' };
      const one = await call(t.app, { method: 'POST', url: LEADS, headers, payload: { data: { name: 'Once' } } });
      const two = await call(t.app, { method: 'POST', url: LEADS, headers, payload: { data: { name: 'Once' } } });
      expect(one.status).toBe(201);
      expect(two.body.id).toBe(one.body.id);
    });

    it('refuses a bulk change without a filter and changes only visible rows with one', async () => {
      for (const filter of [{}, null, true]) {
        const res = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: crm.manager1.headers, payload: { filter, data: { stage: 'lost' } } });
        expect(res).toMatchObject({ status: 400, body: { code: 'ERR_BULK_WITHOUT_FILTER' } });
      }
      const web = { '==': [{ var: 'channel' }, 'web'] };
      const res = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: crm.manager1.headers, payload: { filter: web, data: { stage: 'lost' } } });
      expect(res).toMatchObject({ status: 200, body: { count: 2 } });
      const m2 = await call(t.app, { method: 'GET', url: `${LEADS}/${ids.manager2![0]}`, headers: crm.admin.headers });
      expect(m2.body.data.stage).toBe('new');
      expect((await call(t.app, { method: 'POST', url: `${LEADS}/bulk-delete`, headers: crm.clerkA.headers, payload: { filter: web } })).status).toBe(403);
      const bad = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: crm.manager1.headers, payload: { filter: web, data: { stage: 'bogus' } } });
      expect(bad).toMatchObject({ status: 422, body: { errors: [{ path: '/data/stage', code: 'notAnOption' }] } });
      const money = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: crm.manager1.headers, payload: { filter: web, data: { budget: '12.5' } } });
      expect(money).toMatchObject({ status: 200, body: { count: 2 } });
      const page = await list(crm.manager1, `?filter=${encodeURIComponent(JSON.stringify(web))}`);
      expect(page.body.items.map((r: { data: { budget: string } }) => r.data.budget)).toEqual(['12.50', '12.50']);
      const denied = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: crm.clerkA.headers, payload: { filter: web, data: { stage: 'won' } } });
      expect(denied).toMatchObject({ status: 403, body: { errors: [{ path: '/data/stage', code: 'deniedValue' }] } });
    });
  });

  describe('ids and bad input', () => {
    it('a record id from another app or form is not found', async () => {
      const a1 = ids.clerkA![0]!;
      for (const url of [`/api/apps/hr/forms/lead/records/${a1}`, `/api/apps/crm/forms/nope/records/${a1}`]) {
        expect((await call(t.app, { method: 'GET', url, headers: crm.admin.headers })).status).toBe(404);
        expect((await call(t.app, { method: 'PATCH', url, headers: crm.admin.headers, payload: { version: 1, data: { name: 'x' } } })).status).toBe(404);
        expect((await call(t.app, { method: 'DELETE', url, headers: crm.admin.headers })).status).toBe(404);
      }
      for (const id of ['abc', '0', '99999999999999999999', "1'or'1"]) {
        expect((await call(t.app, { method: 'GET', url: `${LEADS}/${encodeURIComponent(id)}`, headers: crm.admin.headers })).status).toBeGreaterThanOrEqual(400);
      }
    });

    const writeRoutes = () => [
      { method: 'POST', url: LEADS },
      { method: 'POST', url: `${LEADS}/batch` },
      { method: 'PATCH', url: `${LEADS}/${ids.clerkA![0]}` },
      { method: 'POST', url: `${LEADS}/bulk-update` },
      { method: 'POST', url: `${LEADS}/bulk-delete` },
      { method: 'POST', url: '/api/apps' },
      { method: 'POST', url: '/api/apps/crm/forms' },
      { method: 'PUT', url: '/api/apps/crm/forms/lead' },
      { method: 'POST', url: '/api/apps/crm/forms/lead/publish' },
      { method: 'PUT', url: '/api/apps/crm/roles/clerk' },
      { method: 'POST', url: '/api/apps/crm/members' },
      { method: 'POST', url: '/api/org-units' },
    ] as const;

    it('every write route refuses malformed JSON, wrong content types, oversized bodies and unknown fields, changing nothing', async () => {
      const before = await storedCount();
      for (const { method, url } of writeRoutes()) {
        const malformed = await call(t.app, { method, url, headers: { ...crm.admin.headers, 'content-type': 'application/json' }, payload: '{"data": ' });
        expect([url, malformed.status, malformed.body.code]).toEqual([url, 400, 'ERR_MALFORMED_JSON']);
        const text = await call(t.app, { method, url, headers: { ...crm.admin.headers, 'content-type': 'text/plain' }, payload: 'data' });
        expect([url, text.status]).toEqual([url, 415]);
        const huge = await call(t.app, { method, url, headers: { ...crm.admin.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ data: { name: 'x'.repeat(9 * 1024 * 1024) } }) });
        expect([url, huge.status]).toEqual([url, 413]);
        const unknown = await call(t.app, { method, url, headers: crm.admin.headers, payload: { data: { name: 'x' }, version: 1, filter: { '==': [1, 1] }, records: [], surprise: true } });
        expect([url, unknown.status >= 400 && unknown.status < 500]).toEqual([url, true]);
        expect(unknown.body.code).toMatch(/^ERR_/);
      }
      expect(await storedCount()).toBe(before);
    });

    it('wrong types are refused, not coerced', async () => {
      const res = await call(t.app, { method: 'PATCH', url: `${LEADS}/${ids.clerkA![0]}`, headers: crm.admin.headers, payload: { version: '2', data: [] } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/version', '/data']));
    });

    it('an expired or unknown session gets 401 on record routes', async () => {
      expect((await call(t.app, { method: 'GET', url: LEADS, headers: { authorization: 'Bearer expired' } })).status).toBe(401);
      expect((await call(t.app, { method: 'GET', url: LEADS, cookies: { tangram_session: 'expired' } })).status).toBe(401);
    });

    it('non-designers cannot see drafts or change forms, and list only the forms they may use', async () => {
      const forms = await call(t.app, { method: 'GET', url: '/api/apps/crm/forms', headers: crm.clerkA.headers });
      expect(forms.body.items.map((f: { key: string; status: string }) => [f.key, f.status])).toEqual([['lead', 'published']]);
      expect((await call(t.app, { method: 'GET', url: '/api/apps/hr/forms', headers: crm.clerkA.headers })).body.items).toEqual([]);
      expect((await call(t.app, { method: 'GET', url: '/api/apps/crm/forms/lead', headers: crm.clerkA.headers })).status).toBe(403);
      expect((await call(t.app, { method: 'PUT', url: '/api/apps/crm/forms/lead', headers: crm.clerkA.headers, payload: {} })).status).toBe(403);
      const published = await call(t.app, { method: 'GET', url: '/api/apps/crm/forms/lead/versions/latest', headers: crm.clerkA.headers });
      expect(published).toMatchObject({ status: 200, body: { version: 1, status: 'published' } });
      expect((await call(t.app, { method: 'GET', url: '/api/apps/hr/forms/lead/versions/1', headers: crm.clerkA.headers })).status).toBe(404);
    });

    it('a role with the design permission lets a non-admin design that app, and admins list users', async () => {
      const designer = await createUser(t.app, crm.admin, 'designer@example.com');
      const draft = { url: '/api/apps/crm/forms/lead', headers: designer.headers };
      expect((await call(t.app, { method: 'GET', ...draft })).status).toBe(403);
      await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/designer', headers: crm.admin.headers, payload: { schemaVersion: 1, key: 'designer', name: { en: 'Designer' }, appPermissions: ['design'], grants: [] } });
      const member = await call(t.app, { method: 'POST', url: '/api/apps/crm/members', headers: crm.admin.headers, payload: { userId: designer.userId, role: 'designer', orgUnitId: 'hq' } });
      expect(member.status).toBeLessThan(300);
      expect(await call(t.app, { method: 'GET', ...draft })).toMatchObject({ status: 200, body: { key: 'lead' } });
      const users = await call(t.app, { method: 'GET', url: '/api/users', headers: crm.admin.headers });
      expect(users.body.items.map((u: { email: string }) => u.email)).toContain('designer@example.com');
      expect((await call(t.app, { method: 'GET', url: '/api/users', headers: designer.headers })).status).toBe(403);
    });

    it('roles and members: read back, and every unknown reference named', async () => {
      const role = await call(t.app, { method: 'GET', url: '/api/apps/crm/roles/clerk', headers: crm.admin.headers });
      expect(role).toMatchObject({ status: 200, body: { key: 'clerk', grants: [{ form: 'lead', scope: { kind: 'mine' } }] } });
      expect((await call(t.app, { method: 'GET', url: '/api/apps/crm/roles/nope', headers: crm.admin.headers })).status).toBe(404);
      const member = await call(t.app, { method: 'POST', url: '/api/apps/crm/members', headers: crm.admin.headers, payload: { userId: 'ghost', role: 'owner', orgUnitId: 'mars' } });
      expect(member.status).toBe(422);
      expect(member.body.errors.map((e: { path: string }) => e.path)).toEqual(['/userId', '/role', '/orgUnitId']);
      expect((await call(t.app, { method: 'POST', url: '/api/apps/crm/members', headers: crm.clerkA.headers, payload: { userId: crm.clerkA.userId, role: 'manager', orgUnitId: 'sh01' } })).status).toBe(403);
      const mismatch = await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/clerk', headers: crm.admin.headers, payload: { ...{ schemaVersion: 1, key: 'other', name: { en: 'x' }, grants: [] } } });
      expect(mismatch).toMatchObject({ status: 422, body: { errors: [{ path: '/key' }] } });
      const units = await call(t.app, { method: 'GET', url: '/api/org-units', headers: crm.clerkA.headers });
      expect(units.body.items.map((u: { id: string }) => u.id).sort()).toEqual(['east', 'hq', 'sh01', 'sh02']);
      const orphan = await call(t.app, { method: 'POST', url: '/api/org-units', headers: crm.admin.headers, payload: { id: 'sh09', parentId: 'nowhere', kind: 'store', name: { en: 'x' } } });
      expect(orphan).toMatchObject({ status: 422, body: { errors: [{ path: '/parentId' }] } });
    });

    it('a form draft with problems is refused with every path', async () => {
      const res = await call(t.app, { method: 'PUT', url: '/api/apps/crm/forms/lead', headers: crm.admin.headers, payload: { ...{ schemaVersion: 1, key: 'lead', name: { en: 'Lead' } }, fields: [{ id: 'f1', key: 'Bad Key', kind: 'select', label: { en: 'x' }, options: [] }] } });
      expect(res.status).toBe(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
      expect(res.body.errors[0].path).toMatch(/^\/fields\/0/);
    });
  });
});
