import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, managerRole, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';

const LEADS = '/api/apps/crm/forms/lead/records';

describe.each(testDialects())('bulk changes of selected rows and bulk assign (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  const ids: string[] = [];

  const bulk = (who: Session, payload: Record<string, unknown>) => call(t.app, { method: 'POST', url: `${LEADS}/bulk-update`, headers: who.headers, payload });
  const get = async (id: string) => (await call(t.app, { method: 'GET', url: `${LEADS}/${id}`, headers: crm.admin.headers })).body;
  // `id` is a number in conditions (record ids are 64-bit integers the API renders as digits).
  const selected = (...picked: string[]) => ({ in: [{ var: 'id' }, picked.map(Number)] });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    await call(t.app, { method: 'PUT', url: '/api/apps/crm/roles/manager', headers: crm.admin.headers, payload: { ...managerRole, grants: [{ ...managerRole.grants[0]!, actions: [...managerRole.grants[0]!.actions, 'assign'] }] } });
    for (const name of ['S1', 'S2', 'S3', 'S4']) {
      const res = await call(t.app, { method: 'POST', url: LEADS, headers: crm.clerkA.headers, payload: { data: { name } } });
      ids.push(res.body.id);
    }
  });
  afterAll(async () => t?.close());

  it('changes exactly the rows whose ids are listed', async () => {
    const res = await bulk(crm.manager1, { filter: selected(ids[0]!, ids[2]!), data: { stage: 'lost' } });
    expect(res.body).toEqual({ count: 2 });
    expect((await Promise.all(ids.map(get))).map((r) => r.data.stage)).toEqual(['lost', 'new', 'lost', 'new']);
  });

  it('hands the selected rows to another owner and journals the change', async () => {
    const res = await bulk(crm.manager1, { filter: selected(ids[0]!, ids[1]!, ids[3]!), ownerId: crm.clerkB.userId });
    expect(res.body).toEqual({ count: 3 });
    expect((await Promise.all(ids.map(get))).map((r) => r.ownerId)).toEqual([crm.clerkB.userId, crm.clerkB.userId, crm.clerkA.userId, crm.clerkB.userId]);
    const events = (await call(t.app, { method: 'GET', url: `${LEADS}/${ids[1]}/events`, headers: crm.admin.headers })).body.items;
    expect(events.at(-1)).toMatchObject({ kind: 'updated', diff: { ownerId: [crm.clerkA.userId, crm.clerkB.userId] } });
    // The clerk who lost them no longer sees them.
    expect((await call(t.app, { method: 'GET', url: LEADS, headers: crm.clerkA.headers })).body.total).toBe(1);
  });

  it('refuses assigning to someone else without `assign`, and an unknown user, changing nothing', async () => {
    const denied = await bulk(crm.clerkB, { filter: selected(ids[0]!), ownerId: crm.clerkA.userId });
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0]).toMatchObject({ path: '/ownerId', code: 'ERR_FORBIDDEN' });
    const unknown = await bulk(crm.manager1, { filter: selected(ids[0]!), ownerId: 'nobody' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: '/ownerId', code: 'unknownUser' });
    expect((await get(ids[0]!)).ownerId).toBe(crm.clerkB.userId);
    // Taking rows for oneself needs no `assign`.
    expect((await bulk(crm.clerkB, { filter: selected(ids[0]!), ownerId: crm.clerkB.userId })).body).toEqual({ count: 1 });
  });

  it('needs data or an owner', async () => {
    const res = await bulk(crm.manager1, { filter: selected(ids[0]!) });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: '/data', code: 'required' });
  });

  it('deletes the selected rows only', async () => {
    const res = await call(t.app, { method: 'POST', url: `${LEADS}/bulk-delete`, headers: crm.manager1.headers, payload: { filter: selected(ids[2]!, ids[3]!) } });
    expect(res.body).toEqual({ count: 2 });
    expect((await call(t.app, { method: 'GET', url: LEADS, headers: crm.admin.headers })).body.total).toBe(2);
  });
});
