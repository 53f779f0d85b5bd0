import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store } from './api';
import { StoreError } from './errors';
import { testDialects } from './testing';
import { fullAccess, leadForm, openTestStore, publishForm } from './testing/test-store';

const ALICE: Actor = { userId: 'u-alice', via: 'user' };

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe.each(testDialects())('records on %s', (dialect) => {
  let store: Store;
  let version: number;
  const access = fullAccess('crm', 'lead');
  const leads = () => store.records('crm', 'lead');
  const count = async (table: string) => Number((await sql<{ c: number }>`select count(*) as c from ${sql.table(table)}`.execute(store.handle.db)).rows[0]!.c);

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
  });
  afterAll(async () => { await store?.close(); });

  it('creates a record with its event and outbox entry, and reads it back', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Wang', channel: 'web', budget: '60000.50', due: '2024-05-01' }, orgUnitId: 'sh01' });
    expect(record).toMatchObject({ app: 'crm', form: 'lead', formVersion: version, version: 1, ownerId: 'u-alice', orgUnitId: 'sh01', createdBy: 'u-alice', deletedAt: null });
    expect(record.id).toMatch(/^\d+$/);
    expect(await leads().get(access, record.id)).toEqual(record);
    const events = await leads().events(access, record.id);
    expect(events).toEqual([expect.objectContaining({ kind: 'created', actorId: 'u-alice', via: 'user', diff: { name: [null, 'Wang'], channel: [null, 'web'], budget: [null, '60000.50'], due: [null, '2024-05-01'] } })]);
    const outbox = await sql<{ topic: string; payload: unknown }>`select topic, payload from outbox order by id desc limit 1`.execute(store.handle.db);
    expect(outbox.rows[0]).toEqual({ topic: 'record.created', payload: { app: 'crm', form: 'lead', id: record.id, version: 1 } });
  });

  it('fills typed slots from data so filters compare numbers as numbers', async () => {
    await leads().create(ALICE, access, version, { data: { name: 'Small', channel: 'web', budget: '9000' } });
    await leads().create(ALICE, access, version, { data: { name: 'Big', channel: 'web', budget: '100000' } });
    const page = await leads().list(access, { filter: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ var: 'budget' }, 50000] }] }, sort: [{ field: 'budget', direction: 'asc' }] });
    expect(page.items.map((r) => r.data.name)).toEqual(['Wang', 'Big']);
    expect(page.total).toBe(2);
  });

  it('updates with an optimistic lock and refuses a stale version', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Li', budget: '100' } });
    const updated = await leads().update(ALICE, access, record.id, 1, { budget: '200', stage: 'new' }, version);
    expect(updated).toMatchObject({ version: 2, data: { name: 'Li', budget: '200', stage: 'new' }, updatedBy: 'u-alice' });
    const stale = await rejection(leads().update(ALICE, access, record.id, 1, { budget: '300' }, version));
    expect(stale).toMatchObject({ code: 'ERR_RECORD_STALE', params: { currentVersion: 2 } });
    const page = await leads().list(access, { filter: { '==': [{ var: 'budget' }, '200'] } });
    expect(page.items.map((r) => r.id)).toEqual([record.id]);
    const events = await leads().events(access, record.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1]!.diff).toEqual({ budget: ['100', '200'], stage: [null, 'new'] });
  });

  it('soft-deletes and restores, with events, and hides deleted rows from reads', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Zhao' } });
    expect((await rejection(leads().remove(ALICE, access, record.id, 7))).code).toBe('ERR_RECORD_STALE');
    await leads().remove(ALICE, access, record.id, 1);
    expect(await leads().get(access, record.id)).toBeNull();
    expect((await rejection(leads().remove(ALICE, access, record.id))).code).toBe('ERR_NOT_FOUND');
    const restored = await leads().restore(ALICE, access, record.id);
    expect(restored).toMatchObject({ id: record.id, version: 3, deletedAt: null });
    expect((await leads().events(access, record.id)).map((e) => e.kind)).toEqual(['created', 'deleted', 'restored']);
    const topics = await sql<{ topic: string }>`select topic from outbox where payload->>'id' = ${record.id} order by id`.execute(store.handle.db);
    expect(topics.rows.map((r) => r.topic)).toEqual(['record.created', 'record.deleted', 'record.restored']);
  });

  it('refuses a duplicate value of a unique field, located at the field, and writes no event', async () => {
    await leads().create(ALICE, access, version, { data: { name: 'A', phone: '13800000001' } });
    const [events, outbox] = [await count('record_events'), await count('outbox')];
    const error = await rejection(leads().create(ALICE, access, version, { data: { name: 'B', phone: '13800000001' } }));
    expect(error).toMatchObject({ code: 'ERR_UNIQUE_VIOLATION', path: '/data/phone', params: { field: 'phone' } });
    expect([await count('record_events'), await count('outbox')]).toEqual([events, outbox]);
  });

  it('creates a batch in one transaction: all or nothing', async () => {
    const before = await leads().count(access);
    const batch = await leads().createMany(ALICE, access, version, Array.from({ length: 300 }, (_, i) => ({ data: { name: `batch ${i}`, visits: i } })));
    expect(batch.map((r) => r.data.name)).toEqual(Array.from({ length: 300 }, (_, i) => `batch ${i}`));
    expect(new Set(batch.map((r) => r.id)).size).toBe(300);
    expect(await leads().count(access)).toBe(before + 300);
    const failing = await rejection(leads().createMany(ALICE, access, version, [{ data: { name: 'ok', phone: '139' } }, { data: { name: 'dup', phone: '139' } }]));
    expect(failing.code).toBe('ERR_UNIQUE_VIOLATION');
    expect(await leads().count(access)).toBe(before + 300);
    expect((await rejection(leads().createMany(ALICE, access, version, Array.from({ length: 1001 }, () => ({ data: {} }))))).code).toBe('ERR_BATCH_TOO_LARGE');
  });

  it('answers a retried submission with the record its idempotency key made', async () => {
    const first = await leads().create(ALICE, access, version, { data: { name: 'Once' }, idempotencyKey: 'k-1' });
    const again = await leads().create(ALICE, access, version, { data: { name: 'Once' }, idempotencyKey: 'k-1' });
    expect(again).toEqual(first);
    const batch = await leads().createMany(ALICE, access, version, [{ data: { name: 'Once' }, idempotencyKey: 'k-1' }, { data: { name: 'y' }, idempotencyKey: 'k-2' }, { data: { name: 'z' } }]);
    expect(batch.map((r) => r.data.name)).toEqual(['Once', 'y', 'z']);
    expect((await leads().events(access, first.id)).length).toBe(1);
  });

  it('refuses dates that are not calendar dates, and versions that are not published', async () => {
    expect(await rejection(leads().create(ALICE, access, version, { data: { due: '2024-02-31' } }))).toMatchObject({ code: 'ERR_INVALID_VALUE', path: '/data/due' });
    expect((await rejection(leads().create(ALICE, access, version + 5, { data: {} }))).code).toBe('ERR_NOT_PUBLISHED');
    expect((await rejection(store.records('crm', 'nope').create(ALICE, fullAccess('crm', 'nope'), 1, { data: {} }))).code).toBe('ERR_NOT_PUBLISHED');
  });

  it('does not find ids of another form or malformed ids', async () => {
    await publishForm(store, 'crm', { ...leadForm(), key: 'deal' });
    const deal = await store.records('crm', 'deal').create(ALICE, fullAccess('crm', 'deal'), 1, { data: { name: 'D' } });
    expect(await leads().get(access, deal.id)).toBeNull();
    expect(await leads().get(access, "1 or 1=1")).toBeNull();
    expect((await rejection(leads().update(ALICE, access, deal.id, 1, { name: 'x' }, version))).code).toBe('ERR_NOT_FOUND');
  });
});
