import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const actor = (n: number): Actor => ({ userId: `u-${n}`, via: n % 2 === 0 ? 'user' : 'token' });

describe.each(testDialects())('concurrent single creates share statements on %s', (dialect) => {
  let store: Store;
  let version: number;
  const leads = () => store.records('crm', 'lead');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
  });
  afterAll(async () => { await store?.close(); });

  it('gives each of many concurrent creates its own record, creator and event', async () => {
    const created = await Promise.all(Array.from({ length: 40 }, (_, n) =>
      leads().create(actor(n), fullAccess('crm', 'lead', `u-${n}`), version, { data: { name: `c${n}`, budget: String(n) } })));
    expect(created.map((r) => r.data.name)).toEqual(Array.from({ length: 40 }, (_, n) => `c${n}`));
    expect(created.map((r) => r.createdBy)).toEqual(Array.from({ length: 40 }, (_, n) => `u-${n}`));
    expect(new Set(created.map((r) => r.id)).size).toBe(40);
    const events = await leads().events(fullAccess('crm', 'lead'), created[7]!.id);
    expect(events).toEqual([expect.objectContaining({ kind: 'created', actorId: 'u-7', via: 'token', diff: { name: [null, 'c7'], budget: [null, '7'] } })]);
  });

  it('fails only the create whose unique value is taken; the others are stored', async () => {
    const phones = ['13900000001', '13900000002', '13900000001', '13900000003'];
    const results = await Promise.allSettled(phones.map((phone, n) => leads().create(actor(n), fullAccess('crm', 'lead'), version, { data: { name: `p${n}`, phone } })));
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_UNIQUE_VIOLATION', path: '/data/phone' });
    const stored = await leads().list(fullAccess('crm', 'lead'), { filter: { in: [{ var: 'phone' }, phones] }, limit: 10 });
    expect(stored.items.map((r) => r.data.phone).sort()).toEqual(['13900000001', '13900000002', '13900000003']);
  });
});
