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
});
