import { testDialects } from '@tangram/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrm, type Crm } from '../testing/crm-fixture';
import { call, createTestApp, setupAdmin, type Session, type TestApp } from '../testing/test-app';
import { addVisits } from '../testing/visit-fixture';

const LEADS = '/api/apps/crm/forms/lead/records';
const VISITS = '/api/apps/crm/forms/visit/records';

describe.each(testDialects())('record page: comments, owner changes, related records (%s)', (dialect) => {
  let t: TestApp;
  let crm: Crm;
  let lead: { id: string; version: number };

  const post = (who: Session, url: string, payload: Record<string, unknown>) => call(t.app, { method: 'POST', url, headers: who.headers, payload });
  const get = (who: Session, url: string) => call(t.app, { method: 'GET', url, headers: who.headers });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    crm = await buildCrm(t.app, await setupAdmin(t.app));
    await addVisits(t.app, crm.admin);
    lead = (await post(crm.clerkA, LEADS, { data: { name: 'Wang Fang' } })).body;
  });
  afterAll(async () => t?.close());

  it('adds a comment to the timeline without changing the record', async () => {
    const res = await post(crm.clerkA, `${LEADS}/${lead.id}/comments`, { text: 'Called: wants a demo on Friday' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'commented', comment: 'Called: wants a demo on Friday', actorId: crm.clerkA.userId });
    const events = (await get(crm.clerkA, `${LEADS}/${lead.id}/events`)).body.items;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'commented']);
    expect(events[1].comment).toBe('Called: wants a demo on Friday');
    expect((await get(crm.clerkA, `${LEADS}/${lead.id}`)).body.version).toBe(1);
  });

  it('pages the history newest first', async () => {
    const fresh = (await post(crm.clerkA, LEADS, { data: { name: 'Paged' } })).body;
    for (const n of [1, 2, 3, 4]) expect((await post(crm.clerkA, `${LEADS}/${fresh.id}/comments`, { text: `note ${n}` })).status).toBe(201);
    const first = await get(crm.clerkA, `${LEADS}/${fresh.id}/events?limit=3`);
    expect(first.body.items.map((e: { comment: string | null }) => e.comment)).toEqual(['note 4', 'note 3', 'note 2']);
    const second = await get(crm.clerkA, `${LEADS}/${fresh.id}/events?limit=3&before=${first.body.nextBefore}`);
    expect(second.body.items.map((e: { kind: string }) => e.kind)).toEqual(['commented', 'created']);
    expect(second.body.nextBefore).toBeNull();
    expect((await get(crm.clerkA, `${LEADS}/${fresh.id}/events?limit=3&before=1`)).body).toEqual({ items: [], nextBefore: null });
    expect((await get(crm.clerkB, `${LEADS}/${fresh.id}/events?limit=3`)).status).toBe(404);
    expect((await get(crm.clerkA, `${LEADS}/${fresh.id}/events?limit=0`)).status).toBe(400);
  });

  it('refuses blank, too long and out-of-scope comments', async () => {
    const blank = await post(crm.clerkA, `${LEADS}/${lead.id}/comments`, { text: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].path).toBe('/text');
    const long = await post(crm.clerkA, `${LEADS}/${lead.id}/comments`, { text: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    // Clerk B sees only their own leads: A's lead does not exist for them.
    expect((await post(crm.clerkB, `${LEADS}/${lead.id}/comments`, { text: 'hello' })).status).toBe(404);
  });

  it('changes the owner only with the assign permission, and journals it', async () => {
    const refused = await call(t.app, { method: 'PATCH', url: `${LEADS}/${lead.id}`, headers: crm.clerkA.headers, payload: { version: 1, data: {}, ownerId: crm.clerkB.userId } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({ path: '/ownerId', code: 'ERR_FORBIDDEN' });
    const unknown = await call(t.app, { method: 'PATCH', url: `${LEADS}/${lead.id}`, headers: crm.admin.headers, payload: { version: 1, data: {}, ownerId: 'nobody' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ path: '/ownerId', code: 'unknownUser' });
    const other = (await post(crm.clerkA, LEADS, { data: { name: 'Handed over' } })).body;
    const moved = await call(t.app, { method: 'PATCH', url: `${LEADS}/${other.id}`, headers: crm.admin.headers, payload: { version: 1, data: {}, ownerId: crm.clerkB.userId } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: crm.clerkB.userId, version: 2 });
    const events = (await get(crm.admin, `${LEADS}/${other.id}/events`)).body.items;
    expect(events.at(-1).diff).toEqual({ ownerId: [crm.clerkA.userId, crm.clerkB.userId] });
    // The new owner now sees it; the old one no longer does.
    expect((await get(crm.clerkB, `${LEADS}/${other.id}`)).status).toBe(200);
    expect((await get(crm.clerkA, `${LEADS}/${other.id}`)).status).toBe(404);
  });

  it('lists related records the caller may see, with a total that counts only those', async () => {
    for (const note of ['first visit', 'second visit']) expect((await post(crm.clerkA, VISITS, { data: { note, lead: lead.id } })).status).toBe(201);
    // Clerk B logs a visit against A's lead (a relation is just an id): A must not count it.
    expect((await post(crm.clerkB, VISITS, { data: { note: 'b visit', lead: lead.id } })).status).toBe(201);
    const mine = await get(crm.clerkA, `${LEADS}/${lead.id}/related`);
    expect(mine.status).toBe(200);
    expect(mine.body.incoming).toEqual([expect.objectContaining({ form: 'visit', field: 'lead', total: 2, canCreate: true, filter: { '==': [{ var: 'lead' }, lead.id] } })]);
    expect(mine.body.incoming[0].items.map((r: { data: { note: string } }) => r.data.note).sort()).toEqual(['first visit', 'second visit']);
    const all = await get(crm.admin, `${LEADS}/${lead.id}/related`);
    expect(all.body.incoming[0].total).toBe(3);
    expect((await get(crm.clerkB, `${LEADS}/${lead.id}/related`)).status).toBe(404);
  });

  it('names colleagues for any signed-in user, without their emails', async () => {
    const res = await get(crm.clerkB, '/api/people');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(expect.arrayContaining([{ id: crm.clerkA.userId, name: 'clerk.a' }]));
    expect(JSON.stringify(res.body)).not.toContain('@example.com');
  });

  it("names the records this one points to by their display field", async () => {
    const visit = (await post(crm.clerkA, VISITS, { data: { note: 'third', lead: lead.id } })).body;
    const res = await get(crm.clerkA, `${VISITS}/${visit.id}/related`);
    expect(res.body.outgoing).toEqual([{ field: 'lead', form: 'lead', formName: { en: 'Lead', 'zh-CN': 'Lead' }, items: [{ id: lead.id, label: 'Wang Fang' }] }]);
  });
});
