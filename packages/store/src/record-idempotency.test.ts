import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { StoreError } from './errors';
import { isReplayedRecord } from './record-writes';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const ALICE: Actor = { userId: 'u-alice', via: 'user' };
const BOB: Actor = { userId: 'u-bob', via: 'token' };

describe.each(testDialects())('idempotent creates on %s', (dialect) => {
  let store: Store;
  let version: number;
  const access = fullAccess('crm', 'lead');
  const leads = () => store.records('crm', 'lead');
  const stored = async (key: string) => Number((await sql<{ c: number }>`select count(*) as c from records where idempotency_key = ${key}`.execute(store.handle.db)).rows[0]!.c);
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  };

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
  });
  afterAll(async () => { await store?.close(); });

  it('answers a retry with the record the first request made, creating nothing', async () => {
    const first = await leads().create(ALICE, access, version, { data: { name: 'Zhao', budget: '10' }, idempotencyKey: 'offline-1' });
    const retry = await leads().create(ALICE, access, version, { data: { budget: '10', name: 'Zhao' }, idempotencyKey: 'offline-1' });
    expect(isReplayedRecord(first)).toBe(false);
    expect(isReplayedRecord(retry)).toBe(true);
    expect(retry).toEqual(first);
    expect(await stored('offline-1')).toBe(1);
    expect(await leads().events(access, first.id)).toHaveLength(1);
  });

  it('refuses the same key with another body and stores nothing', async () => {
    const first = await leads().create(ALICE, access, version, { data: { name: 'Qian' }, idempotencyKey: 'offline-2' });
    const reused = await rejection(leads().create(ALICE, access, version, { data: { name: 'Sun' }, idempotencyKey: 'offline-2' }));
    expect(reused).toMatchObject({ code: 'ERR_IDEMPOTENCY_KEY_REUSED', path: '/idempotencyKey', params: { key: 'offline-2', id: first.id } });
    const batch = await rejection(leads().createMany(ALICE, access, version, [{ data: { name: 'new' } }, { data: { name: 'Sun' }, idempotencyKey: 'offline-2' }]));
    expect(batch).toMatchObject({ code: 'ERR_IDEMPOTENCY_KEY_REUSED', path: '/1/idempotencyKey' });
    expect(await stored('offline-2')).toBe(1);
    expect((await leads().list(access, { filter: { '==': [{ var: 'name' }, 'Sun'] } })).total).toBe(0);
  });

  it('keeps keys apart per user: two users may send the same key', async () => {
    const alice = await leads().create(ALICE, access, version, { data: { name: 'A' }, idempotencyKey: 'queue-1' });
    const bob = await leads().create(BOB, fullAccess('crm', 'lead', 'u-bob'), version, { data: { name: 'A' }, idempotencyKey: 'queue-1' });
    expect(bob.id).not.toBe(alice.id);
    expect(bob.createdBy).toBe('u-bob');
    expect(await stored('queue-1')).toBe(2);
  });

  it('compares the fingerprint the caller gives, not the normalised data', async () => {
    const first = await leads().create(ALICE, access, version, { data: { name: 'No. 1' }, idempotencyKey: 'fp-1', idempotencyFingerprint: '{"name":"x"}' });
    const retry = await leads().create(ALICE, access, version, { data: { name: 'No. 2' }, idempotencyKey: 'fp-1', idempotencyFingerprint: '{"name":"x"}' });
    expect(retry.id).toBe(first.id);
    expect(retry.data.name).toBe('No. 1');
  });

  it('creates exactly one record when requests with the same key race', async () => {
    const racing = await Promise.all(Array.from({ length: 6 }, () => leads().create(ALICE, access, version, { data: { name: 'Race' }, idempotencyKey: 'race-1' })));
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(racing.filter((r) => !isReplayedRecord(r))).toHaveLength(1);
    expect(await stored('race-1')).toBe(1);
  });

  it('refuses keys that are empty, longer than 200 characters or not printable', async () => {
    for (const key of ['', ' lead', 'x'.repeat(201), 'tab\there', '中文']) {
      expect(await rejection(leads().create(ALICE, access, version, { data: { name: 'k' }, idempotencyKey: key }))).toMatchObject({ code: 'ERR_INVALID_VALUE', path: '/idempotencyKey' });
    }
    expect((await leads().create(ALICE, access, version, { data: { name: 'k' }, idempotencyKey: 'x'.repeat(200) })).id).toMatch(/^\d+$/);
  });

  it('creates a bulk load with ids only, and answers its retry as replayed without storing it twice', async () => {
    const load = [{ data: { name: 'Bulk 1', budget: '5' }, idempotencyKey: 'bulk-1' }, { data: { name: 'Bulk 2' }, idempotencyKey: 'bulk-2' }];
    const created = (await leads().createManyRefs(ALICE, access, version, load)).records;
    expect(created.map((r) => ({ version: r.version, replayed: r.replayed }))).toEqual([{ version: 1, replayed: false }, { version: 1, replayed: false }]);
    expect((await leads().get(access, created[0]!.id))?.data).toEqual({ name: 'Bulk 1', budget: '5' });
    const again = (await leads().createManyRefs(ALICE, access, version, [...load, { data: { name: 'Bulk 3' }, idempotencyKey: 'bulk-3' }])).records;
    expect(again.slice(0, 2)).toEqual(created.map((r) => ({ ...r, replayed: true })));
    expect(again[2]).toMatchObject({ version: 1, replayed: false });
    expect(await stored('bulk-1')).toBe(1);
    const reused = await rejection(leads().createManyRefs(ALICE, access, version, [{ data: { name: 'Bulk 4' }, idempotencyKey: 'bulk-4' }, { data: { name: 'other' }, idempotencyKey: 'bulk-2' }]));
    expect(reused).toMatchObject({ code: 'ERR_IDEMPOTENCY_KEY_REUSED', path: '/1/idempotencyKey' });
    expect(await stored('bulk-4')).toBe(0);
    const badDate = await rejection(leads().createManyRefs(ALICE, access, version, [{ data: { name: 'ok' } }, { data: { name: 'x', due: '2024-02-31' } }]));
    expect(badDate.path).toBe('/1/data/due');
  });

  it('stores a batch with its own key once: a retry, or a racing copy, stores nothing', async () => {
    const named = async (name: string) => (await leads().list(access, { filter: { '==': [{ var: 'name' }, name] } })).total;
    const batch = [{ data: { name: 'Part A' } }, { data: { name: 'Part A' } }, { data: { name: 'Part B' } }];
    const first = await leads().createManyRefs(ALICE, access, version, batch, { batchKey: 'import-7-2-0' });
    expect(first.batchReplayed).toBe(false);
    expect(first.records.map((r) => r.replayed)).toEqual([false, false, false]);
    expect((await leads().get(access, first.records[2]!.id))?.data.name).toBe('Part B');
    expect(await leads().createManyRefs(ALICE, access, version, batch, { batchKey: 'import-7-2-0' })).toEqual({ records: [], batchReplayed: true });
    expect(await named('Part A')).toBe(2);
    const racing = await Promise.all([1, 2, 3].map(() => leads().createManyRefs(ALICE, access, version, [{ data: { name: 'Race part' } }], { batchKey: 'import-7-9-1' })));
    expect(racing.filter((r) => !r.batchReplayed)).toHaveLength(1);
    expect(await named('Race part')).toBe(1);
    // Keys are per creator, as record keys are.
    expect((await leads().createManyRefs(BOB, fullAccess('crm', 'lead', 'u-bob'), version, [{ data: { name: 'Part A' } }], { batchKey: 'import-7-2-0' })).batchReplayed).toBe(false);
  });

  it('refuses a batch key that is not printable, and claims no key for a refused batch', async () => {
    expect(await rejection(leads().createManyRefs(ALICE, access, version, [{ data: { name: 'k' } }], { batchKey: '' }))).toMatchObject({ code: 'ERR_INVALID_VALUE', path: '/batchKey' });
    await rejection(leads().createManyRefs(ALICE, access, version, [{ data: { name: 'ok' } }, { data: { name: 'x', due: '2024-02-31' } }], { batchKey: 'refused-1' }));
    expect((await leads().createManyRefs(ALICE, access, version, [{ data: { name: 'ok' } }], { batchKey: 'refused-1' })).batchReplayed).toBe(false);
  });
});
