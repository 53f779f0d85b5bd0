import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Store, StoreNotice } from '../api';
import { createStoreFromHandle } from '../create-store';
import { openDatabase } from '../database';
import { testDialects } from '../testing';
import { accessWith, fullAccess, leadForm, openTestStore, publishForm } from '../testing/test-store';
import { decodeNotice, encodeNotice, PAYLOAD_LIMIT } from './notice-codec';

const ALICE: Actor = { userId: 'u-alice', via: 'user' };
const BOB: Actor = { userId: 'u-bob', via: 'user' };

/** Notices in arrival order; `next()` waits for the next one (the listener pushes, the test pulls). */
function inbox() {
  const arrived: StoreNotice[] = [];
  const waiting: ((n: StoreNotice) => void)[] = [];
  return {
    handler: (notice: StoreNotice) => {
      const waiter = waiting.shift();
      if (waiter) waiter(notice);
      else arrived.push(notice);
    },
    next: () => new Promise<StoreNotice>((resolve) => {
      const first = arrived.shift();
      if (first) resolve(first);
      else waiting.push(resolve);
    }),
  };
}

describe('notice payloads', () => {
  it('lists consecutive ids as one run, so a 1,000-row import fits one notice', () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: String(5000 + i), version: 1 }));
    const text = encodeNotice({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records });
    expect(text).toBe('{"k":"r","a":"crm","f":"lead","c":"created","r":[["5000","5999",1]]}');
    expect(decodeNotice(text)).toEqual({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records });
  });

  it('keeps runs of ids past 2^53 exact', () => {
    const records = ['9007199254740991', '9007199254740992', '9007199254740993', '9007199254740995'].map((id) => ({ id, version: 1 }));
    const text = encodeNotice({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records });
    expect(JSON.parse(text).r).toEqual([['9007199254740991', '9007199254740993', 1], ['9007199254740995', '9007199254740995', 1]]);
    expect(decodeNotice(text)).toEqual({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records });
  });

  it('turns a record notice too large for NOTIFY into a summary, and refuses any other oversized notice', () => {
    const scattered = Array.from({ length: 1000 }, (_, i) => ({ id: String(10 + i * 7), version: i }));
    const text = encodeNotice({ kind: 'records', app: 'crm', form: 'lead', change: 'updated', records: scattered });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(decodeNotice(text)).toEqual({ kind: 'records', app: 'crm', form: 'lead', change: 'updated', records: null });
    expect(() => encodeNotice({ kind: 'topic', topic: 'job:1', data: 'x'.repeat(9000), users: null })).toThrow(RangeError);
  });

  it('ignores payloads it does not understand', () => {
    expect(decodeNotice('not json')).toBeNull();
    expect(decodeNotice('{"k":"?"}')).toBeNull();
  });
});

describe.each(testDialects())('notices on %s', (dialect) => {
  let store: Store;
  let version: number;
  const heard = inbox();
  const access = fullAccess('crm', 'lead');
  const leads = () => store.records('crm', 'lead');

  beforeAll(async () => {
    store = await openTestStore(dialect);
    version = await publishForm(store, 'crm', leadForm());
    await store.listen(heard.handler);
  });
  afterAll(async () => { await store?.close(); });

  it('announces a created record after it commits, with its id and version and no field values', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Wang', secret: 's3cret' } });
    const notice = await heard.next();
    expect(notice).toEqual({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records: [{ id: record.id, version: 1 }] });
    expect(JSON.stringify(notice)).not.toContain('s3cret');
  });

  it('announces a batch of 1,000 creates as one notice listing every id', async () => {
    const created = await leads().createMany(ALICE, access, version, Array.from({ length: 1000 }, (_, i) => ({ data: { name: `n${i}` } })));
    const notice = await heard.next();
    expect(notice).toMatchObject({ kind: 'records', change: 'created' });
    expect(notice.kind === 'records' && notice.records?.map((r) => r.id)).toEqual(created.map((r) => r.id));
  });

  it('announces updates, deletes and restores with the new version; an update that changes nothing is silent', async () => {
    const record = await leads().create(ALICE, access, version, { data: { name: 'Li' } });
    await heard.next();
    await leads().update(ALICE, access, record.id, 1, { name: 'Li' }, version);
    await leads().update(ALICE, access, record.id, 1, { name: 'Li Lei' }, version);
    expect(await heard.next()).toMatchObject({ change: 'updated', records: [{ id: record.id, version: 2 }] });
    await leads().remove(ALICE, access, record.id, 2);
    expect(await heard.next()).toMatchObject({ change: 'deleted', records: [{ id: record.id, version: 3 }] });
    await leads().restore(ALICE, access, record.id);
    expect(await heard.next()).toMatchObject({ change: 'restored', records: [{ id: record.id, version: 4 }] });
  });

  it('announces a public submission that creates a record', async () => {
    const submission = await store.publicForms.submit({ userId: null, via: 'public' }, access, version, { data: { name: 'Walk-in' } }, null);
    expect(submission.kind).toBe('created');
    expect(await heard.next()).toMatchObject({ kind: 'records', change: 'created', records: [{ id: submission.kind === 'created' ? submission.record.id : '', version: 1 }] });
  });

  it('announces a bulk change as a summary of the form', async () => {
    await leads().bulkUpdate(ALICE, access, { '==': [{ var: 'name' }, 'n1'] }, { stage: 'won' });
    expect(await heard.next()).toEqual({ kind: 'records', app: 'crm', form: 'lead', change: 'updated', records: null });
  });

  it('announces a disabled user and an ended session, and carries topic messages to their users', async () => {
    const user = await store.identity.createUser({ email: 'c@example.com', name: 'C', passwordHash: 'x', locale: 'en', isAdmin: false });
    await store.identity.setUserDisabled(user.id, true);
    expect(await heard.next()).toEqual({ kind: 'userDisabled', userId: user.id });
    await store.identity.deleteSession('abc123');
    expect(await heard.next()).toEqual({ kind: 'sessionEnded', sessionHash: 'abc123' });
    await store.publish({ kind: 'topic', topic: 'job:42', data: { processed: 10, total: 100 }, users: [user.id] });
    expect(await heard.next()).toEqual({ kind: 'topic', topic: 'job:42', data: { processed: 10, total: 100 }, users: [user.id] });
  });

  it('answers which records a reader may see in one query, through the read scope', async () => {
    const mine = await leads().create(ALICE, access, version, { data: { name: 'Mine' } });
    const theirs = await leads().create(BOB, access, version, { data: { name: 'Theirs' } });
    const gone = await leads().create(ALICE, access, version, { data: { name: 'Gone' } });
    await leads().remove(ALICE, access, gone.id);
    const clerk = accessWith('crm', 'lead', { userId: 'u-alice', scope: { kind: 'owner', userId: 'u-alice' } });
    const ids = [mine.id, theirs.id, gone.id, 'not-an-id'];
    expect(await leads().visibleIds(clerk, ids)).toEqual([mine.id]);
    expect([...await leads().visibleIds(clerk, ids, { includeDeleted: true })].sort()).toEqual([mine.id, gone.id].sort());
    expect(await leads().visibleIds(accessWith('crm', 'lead', { actions: ['create'] }), ids)).toEqual([]);
  });
});

describe.runIf(testDialects().includes('postgres'))('notices across processes on postgres', () => {
  let first: Store;
  let second: Store;

  beforeAll(async () => {
    first = await openTestStore('postgres');
    const url = first.handle.pool!.options.connectionString!;
    second = createStoreFromHandle(await openDatabase({ url, poolSize: 2 }));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('delivers a write on one store to a listener on another store of the same database', async () => {
    const version = await publishForm(first, 'crm', leadForm());
    const heard = inbox();
    await second.listen(heard.handler);
    const record = await first.records('crm', 'lead').create(ALICE, fullAccess('crm', 'lead'), version, { data: { name: 'Far' } });
    expect(await heard.next()).toMatchObject({ kind: 'records', records: [{ id: record.id, version: 1 }] });
  });

  it('reconnects a dropped listening connection, reports the gap, and hears notices again', async () => {
    const heard = inbox();
    let gap!: () => void;
    const gapped = new Promise<void>((resolve) => { gap = resolve; });
    await second.listen(heard.handler, { onGap: () => gap() });
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'`.execute(first.handle.db);
    await gapped;
    await first.publish({ kind: 'topic', topic: 'job:7', data: { done: true }, users: null });
    expect(await heard.next()).toEqual({ kind: 'topic', topic: 'job:7', data: { done: true }, users: null });
  });
});
