import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore } from './testing/test-store';

const ADMIN: Actor = { userId: 'u-admin', via: 'user' };

describe.each(testDialects())('definitions on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => { store = await openTestStore(dialect); });
  afterAll(async () => { await store?.close(); });

  it('creates apps and refuses a second app with the same key', async () => {
    const app = await store.definitions.createApp(ADMIN, { schemaVersion: 1, key: 'crm', name: { en: 'CRM' } });
    expect(app).toMatchObject({ key: 'crm', name: { en: 'CRM' } });
    expect(await store.definitions.getApp('crm')).toEqual(app);
    expect((await store.definitions.listApps()).map((a) => a.key)).toEqual(['crm']);
    await expect(store.definitions.createApp(ADMIN, { schemaVersion: 1, key: 'crm', name: { en: 'x' } })).rejects.toMatchObject({ code: 'ERR_CONFLICT', path: '/key' });
  });

  it('versions drafts into immutable published versions', async () => {
    const form = leadForm();
    const draft = await store.definitions.saveDraft(ADMIN, 'crm', 'form', 'lead', form);
    expect(draft).toMatchObject({ version: 0, status: 'draft', author: 'u-admin', body: form });
    const v1 = await store.definitions.publish(ADMIN, 'crm', 'form', 'lead', 'first');
    expect(v1).toMatchObject({ version: 1, status: 'published', note: 'first', body: form });
    const changed = { ...form, name: { en: 'Leads' } };
    await store.definitions.saveDraft(ADMIN, 'crm', 'form', 'lead', changed);
    expect((await store.definitions.getPublished('crm', 'form', 'lead'))!.body).toEqual(form);
    const v2 = await store.definitions.publish(ADMIN, 'crm', 'form', 'lead');
    expect(v2.version).toBe(2);
    expect((await store.definitions.getPublished('crm', 'form', 'lead'))!.body).toEqual(changed);
    expect((await store.definitions.getPublished('crm', 'form', 'lead', 1))!.body).toEqual(form);
    expect(await store.definitions.latestPublishedVersion('crm', 'form', 'lead')).toBe(2);
    expect(await store.definitions.latestPublishedVersion('crm', 'form', 'nope')).toBeNull();
    expect((await store.definitions.list('crm', 'form')).map((d) => [d.key, d.version])).toEqual([['lead', 0], ['lead', 2]]);
    // A published version can't be changed, even by SQL that bypasses the repository.
    await expect(sql`update definitions set body = '{}' where version = 1`.execute(store.handle.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from definitions where version = 1`.execute(store.handle.db)).rejects.toThrow(/immutable/);
    await expect(store.definitions.publish(ADMIN, 'crm', 'form', 'nothing')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('keeps each field in its slot across versions and fills new slots for existing records', async () => {
    const leads = store.records('crm', 'lead');
    const access = fullAccess('crm', 'lead');
    const before = await leads.create(ADMIN, access, 2, { data: { name: 'Old', score: 7 } });
    const slots = async () => Object.fromEntries((await sql<{ key: string; slot: string | null }>`
      select key, slot from form_fields order by key`.execute(store.handle.db)).rows.map((r) => [r.key, r.slot]));
    const first = await slots();
    await store.definitions.saveDraft(ADMIN, 'crm', 'form', 'lead', leadForm([{ id: 'f20', key: 'score', kind: 'number', label: { en: 'Score' } }]));
    await store.definitions.publish(ADMIN, 'crm', 'form', 'lead');
    const second = await slots();
    expect(Object.fromEntries(Object.keys(first).map((k) => [k, second[k]]))).toEqual(first);
    expect(second.score).toMatch(/^n\d+$/);
    const page = await leads.list(access, { filter: { '>': [{ var: 'score' }, 5] } });
    expect(page.items.map((r) => r.id)).toEqual([before.id]);
  });

  it('refuses to make a field unique while records share its values', async () => {
    const leads = store.records('crm', 'lead');
    await leads.createMany(ADMIN, fullAccess('crm', 'lead'), 3, [{ data: { name: 'same' } }, { data: { name: 'same' } }]);
    const form = leadForm([{ id: 'f20', key: 'score', kind: 'number', label: { en: 'Score' } }]);
    const fields = form.fields.map((f) => (f.key === 'name' ? { ...f, unique: true } : f));
    await store.definitions.saveDraft(ADMIN, 'crm', 'form', 'lead', { ...form, fields });
    await expect(store.definitions.publish(ADMIN, 'crm', 'form', 'lead')).rejects.toMatchObject({ code: 'ERR_UNIQUE_VIOLATION', path: '/fields/0/unique' });
    expect((await store.definitions.getPublished('crm', 'form', 'lead'))!.version).toBe(3);
  });
});
